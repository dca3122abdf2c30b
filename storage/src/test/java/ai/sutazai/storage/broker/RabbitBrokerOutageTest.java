package ai.sutazai.storage.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.TcpProxy;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The task transport when RabbitMQ goes away: reached through a TCP proxy the test cuts, so that the machine's
 * broker itself keeps running.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RabbitBrokerOutageTest {

  /** What "fails fast" means: well under the confirm timeout, on a noisy machine. */
  private static final long QUICK_MS = 1_000;

  private Vertx vertx;
  private RabbitFixture rabbit;
  private TcpProxy proxy;
  private RabbitTaskBroker broker;

  @BeforeEach
  void prepare(Vertx vertx) {
    this.vertx = vertx;
    rabbit = new RabbitFixture();
    proxy = new TcpProxy(vertx, RabbitFixture.HOST, RabbitFixture.PORT);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (broker != null) {
      broker.close().await();
    }
    proxy.close();
    rabbit.close();
  }

  /** Verifies that after the connection is cut consumers and event subscriptions work again once it is back. */
  @Test
  void consumesAgainAfterTheConnectionIsCut() {
    proxy.open();
    broker = start();
    String agent = rabbit.agentId("outage");
    String type = rabbit.agentType("outage");
    List<String> received = new CopyOnWriteArrayList<>();
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    broker.consumeTasks(agent, type, 4, delivery -> {
      received.add(delivery.taskId());
      return Future.succeededFuture(TaskVerdict.ACK);
    }).await();
    broker.subscribeEvents(events::add).await();
    broker.publish(new TaskMessage("before", type, "chat", 5, new JsonObject())).await();
    RabbitFixture.awaitTrue(vertx, () -> received.contains("before"), "the first task delivered");

    proxy.shut();
    RabbitFixture.awaitTrue(vertx, () -> !broker.isConnected(), "the broker reported unavailable");
    assertPublishFailsFast(new TaskMessage("during", type, "chat", 5, new JsonObject()));
    assertThat(broker.status().getString("state")).isEqualTo("unavailable");

    proxy.open();
    RabbitFixture.awaitTrue(vertx, broker::isConnected, "the broker reconnected");
    broker.publish(new TaskMessage("after", type, "chat", 5, new JsonObject())).await();
    JsonObject event = new JsonObject().put("task", "after-" + type);
    broker.publishEvent(event).await();

    RabbitFixture.awaitTrue(vertx, () -> received.contains("after"), "the task after the outage delivered");
    RabbitFixture.awaitTrue(vertx, () -> events.contains(event), "the event after the outage received");
    // "before" comes again when the cut fell between its delivery and its acknowledgement reaching the broker
    assertThat(received).containsOnly("before", "after").endsWith("after");
    assertThat(received.stream().filter("after"::equals)).hasSize(1);
  }

  /** Verifies that a broker unreachable at start is reported, publishing fails fast, and it is used once it answers. */
  @Test
  void startsWithoutTheBrokerAndConnectsWhenItAnswers() {
    broker = start();
    assertThat(broker.isConnected()).isFalse();
    String agent = rabbit.agentId("late");
    String type = rabbit.agentType("late");
    List<String> received = new CopyOnWriteArrayList<>();
    broker.consumeTasks(agent, type, 1, delivery -> {
      received.add(delivery.taskId());
      return Future.succeededFuture(TaskVerdict.ACK);
    }).await();
    assertPublishFailsFast(new TaskMessage("early", type, "chat", 5, new JsonObject()));

    proxy.open();
    RabbitFixture.awaitTrue(vertx, broker::isConnected, "the broker connected");
    broker.publish(new TaskMessage("late", type, "chat", 5, new JsonObject())).await();

    RabbitFixture.awaitTrue(vertx, () -> received.contains("late"), "the task delivered");
    assertThat(received).containsExactly("late");
  }

  /** Verifies that a task held by a consumer when the connection dies is delivered again, flagged as redelivered. */
  @Test
  void redeliversATaskHeldWhenTheConnectionDies() {
    proxy.open();
    broker = start();
    String agent = rabbit.agentId("held");
    String type = rabbit.agentType("held");
    List<TaskDelivery> deliveries = new CopyOnWriteArrayList<>();
    broker.consumeTasks(agent, type, 1, delivery -> {
      deliveries.add(delivery);
      return deliveries.size() == 1 ? vertx.timer(60_000).map(TaskVerdict.ACK)
          : Future.succeededFuture(TaskVerdict.ACK);
    }).await();
    broker.publish(new TaskMessage("held", type, "chat", 5, new JsonObject())).await();
    RabbitFixture.awaitTrue(vertx, () -> deliveries.size() == 1, "the task delivered");

    proxy.shut();
    RabbitFixture.awaitTrue(vertx, () -> !broker.isConnected(), "the broker reported unavailable");
    proxy.open();

    RabbitFixture.awaitTrue(vertx, () -> deliveries.size() == 2, "the task delivered again");
    assertThat(deliveries.get(1).taskId()).isEqualTo("held");
    assertThat(deliveries.get(1).redelivered()).isTrue();
    assertThat(deliveries.get(1).attempt()).isEqualTo(1);
  }

  private RabbitTaskBroker start() {
    return RabbitTaskBroker.start(vertx, RabbitFixture.options(proxy.port(), 3), rabbit.topology).await();
  }

  private void assertPublishFailsFast(TaskMessage task) {
    long start = System.nanoTime();
    Throwable failure = broker.publish(task).transform(Future::succeededFuture).await().cause();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(QUICK_MS);
    assertThat(failure).as("publish failed").isNotNull();
    assertThat(Problem.of(failure).type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
    assertThat(failure).hasMessageContaining("RabbitMQ at 127.0.0.1:" + proxy.port());
  }
}
