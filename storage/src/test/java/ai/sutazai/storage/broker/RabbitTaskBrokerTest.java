package ai.sutazai.storage.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The RabbitMQ task transport against the machine's broker: topology, priorities, retries, dead letters. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RabbitTaskBrokerTest {

  private static final int MAX_ATTEMPTS = 3;

  private Vertx vertx;
  private RabbitFixture rabbit;
  private RabbitTaskBroker broker;

  @BeforeEach
  void connect(Vertx vertx) {
    this.vertx = vertx;
    rabbit = new RabbitFixture();
    broker = RabbitTaskBroker.start(vertx, RabbitFixture.options(RabbitFixture.PORT, MAX_ATTEMPTS), rabbit.topology)
        .await();
    RabbitFixture.awaitTrue(vertx, broker::isConnected, "connected to RabbitMQ");
  }

  @AfterEach
  void tearDown() throws Exception {
    broker.close().await();
    rabbit.close();
  }

  /** Verifies that the exchanges and an agent's queue exist with exactly the specified types and arguments. */
  @Test
  void declaresTheSpecifiedTopology() throws Exception {
    String agent = rabbit.agentId("topology");
    broker.declareAgentQueue(agent, rabbit.agentType("topology")).await();

    try (Connection raw = RabbitFixture.rawConnection()) {
      assertRedeclares(raw, channel -> channel.exchangeDeclare("agent.tasks", "topic", true, false,
          Map.of("alternate-exchange", "agent.unroutable")));
      assertRedeclares(raw, channel -> channel.exchangeDeclare("agent.events", "fanout", true, false, null));
      assertRedeclares(raw, channel -> channel.exchangeDeclare("agent.dlx", "direct", true, false, null));
      assertRedeclares(raw, channel -> channel.queueDeclare("agent." + agent + ".tasks", true, false, false,
          Map.of("x-max-priority", 10, "x-message-ttl", 3_600_000L, "x-dead-letter-exchange", "agent.dlx",
              "x-dead-letter-routing-key", "agent." + agent + ".tasks")));
      assertRefused(raw, channel -> channel.exchangeDeclare("agent.tasks", "fanout", true, false, null));
      assertRefused(raw, channel -> channel.queueDeclare("agent." + agent + ".tasks", true, false, false,
          Map.of("x-max-priority", 5, "x-message-ttl", 3_600_000L, "x-dead-letter-exchange", "agent.dlx",
              "x-dead-letter-routing-key", "agent." + agent + ".tasks")));
      Channel channel = raw.createChannel();
      assertThat(channel.queueDeclarePassive("agent." + agent + ".tasks").getQueue())
          .isEqualTo("agent." + agent + ".tasks");
      channel.queueDeclarePassive(rabbit.topology.deadLetterQueue());
      channel.queueDeclarePassive(rabbit.topology.unroutableQueue());
    }
  }

  /** Verifies that of two waiting tasks the one of higher priority is delivered first. */
  @Test
  void deliversHigherPriorityFirst() {
    String agent = rabbit.agentId("priority");
    String type = rabbit.agentType("priority");
    broker.declareAgentQueue(agent, type).await();
    broker.publish(new TaskMessage("low", type, "chat", 1, new JsonObject())).await();
    broker.publish(new TaskMessage("high", type, "chat", 9, new JsonObject())).await();

    List<String> order = new CopyOnWriteArrayList<>();
    broker.consumeTasks(agent, type, 1, delivery -> {
      order.add(delivery.taskId());
      return Future.succeededFuture(TaskVerdict.ACK);
    }).await();

    RabbitFixture.awaitTrue(vertx, () -> order.size() == 2, "both tasks delivered");
    assertThat(order).containsExactly("high", "low");
  }

  /** Verifies that a task failing every attempt is retried with the attempt counted, then dead-lettered as rejected. */
  @Test
  void deadLettersATaskThatFailsEveryAttempt() {
    String agent = rabbit.agentId("failing");
    String type = rabbit.agentType("failing");
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    List<DeadLetter> dead = new CopyOnWriteArrayList<>();
    broker.consumeDeadLetters(letter -> {
      dead.add(letter);
      return Future.succeededFuture();
    }).await();
    broker.consumeTasks(agent, type, 2, delivery -> {
      attempts.add(delivery.attempt());
      return Future.<TaskVerdict>failedFuture(new IllegalStateException("the model answered nonsense"));
    }).await();

    broker.publish(new TaskMessage("doomed", type, "code_review", 5, new JsonObject().put("n", 1))).await();

    RabbitFixture.awaitTrue(vertx, () -> !dead.isEmpty(), "the task dead-lettered");
    assertThat(attempts).containsExactly(1, 2, 3);
    DeadLetter letter = dead.get(0);
    assertThat(letter.taskId()).isEqualTo("doomed");
    assertThat(letter.reason()).isEqualTo("rejected");
    assertThat(letter.queue()).isEqualTo("agent." + agent + ".tasks");
    assertThat(letter.routingKey()).isEqualTo("agent." + type + ".code_review");
    assertThat(letter.body()).isEqualTo(new JsonObject().put("n", 1));
  }

  /** Verifies that a task whose time to live runs out unconsumed is dead-lettered as expired. */
  @Test
  void deadLettersAnExpiredTask() {
    String agent = rabbit.agentId("expiring");
    String type = rabbit.agentType("expiring");
    broker.declareAgentQueue(agent, type).await();
    List<DeadLetter> dead = new CopyOnWriteArrayList<>();
    broker.consumeDeadLetters(letter -> {
      dead.add(letter);
      return Future.succeededFuture();
    }).await();

    broker.publish(new TaskMessage("stale", type, "chat", 5, new JsonObject(), 100)).await();

    RabbitFixture.awaitTrue(vertx, () -> !dead.isEmpty(), "the task dead-lettered");
    assertThat(dead.get(0).taskId()).isEqualTo("stale");
    assertThat(dead.get(0).reason()).isEqualTo("expired");
    assertThat(dead.get(0).queue()).isEqualTo("agent." + agent + ".tasks");
  }

  /** Verifies that a task no agent queue is bound for is caught and handed to the unroutable handler. */
  @Test
  void surfacesUnroutableTasks() {
    List<UnroutableTask> caught = new CopyOnWriteArrayList<>();
    broker.consumeUnroutable(task -> {
      caught.add(task);
      return Future.succeededFuture();
    }).await();
    String nobody = rabbit.agentType("nobody");

    broker.publish(new TaskMessage("orphan-" + nobody, nobody, "chat", 5, new JsonObject())).await();

    RabbitFixture.awaitTrue(vertx, () -> caught.stream().anyMatch(task -> task.taskId().equals("orphan-" + nobody)),
        "the unroutable task caught");
    assertThat(caught).filteredOn(task -> task.taskId().equals("orphan-" + nobody))
        .extracting(UnroutableTask::routingKey).containsExactly("agent." + nobody + ".chat");
    assertThat(broker.unroutableCount()).isPositive();
  }

  /** Verifies that an event published reaches this node's event subscription. */
  @Test
  void carriesAgentEvents() {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    broker.subscribeEvents(events::add).await();
    JsonObject event = new JsonObject().put("task", "t-" + rabbit.agentType("event")).put("status", "running");

    broker.publishEvent(event).await();

    RabbitFixture.awaitTrue(vertx, () -> events.contains(event), "the event received");
  }

  /**
   * Verifies that a consumer whose queue cannot be declared (declared before with other arguments) fails to start
   * and is not registered again on the connections that follow: the broker reconnects and stays connected.
   */
  @Test
  void consumerThatFailsToStartIsNotRegisteredAgain() throws Exception {
    String agent = rabbit.agentId("misdeclared");
    try (Connection raw = RabbitFixture.rawConnection()) {
      raw.createChannel().queueDeclare(TaskTopology.queueOf(agent), true, false, false, Map.of("x-max-priority", 5));
    }

    assertThatThrownBy(() -> broker.consumeTasks(agent, rabbit.agentType("misdeclared"), 1,
        delivery -> Future.succeededFuture(TaskVerdict.ACK)).await())
        .hasStackTraceContaining("PRECONDITION_FAILED");

    RabbitFixture.awaitTrue(vertx, broker::isConnected, "connected again without the failed consumer");
    String other = rabbit.agentId("after");
    broker.consumeTasks(other, rabbit.agentType("after"), 1, delivery -> Future.succeededFuture(TaskVerdict.ACK))
        .await();
    assertThat(broker.isConnected()).isTrue();
  }

  /** Verifies that bad task names are refused before anything is sent. */
  @Test
  void refusesNamesThatWouldBreakRouting() {
    assertThatThrownBy(() -> new TaskMessage("t", "dev.ops", "chat", 5, new JsonObject()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent type");
    assertThatThrownBy(() -> new TaskMessage("t", "dev", "chat", 11, new JsonObject()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority");
  }

  private interface ChannelAction {
    void run(Channel channel) throws IOException;
  }

  private static void assertRedeclares(Connection raw, ChannelAction declare) throws IOException {
    Channel channel = raw.createChannel();
    declare.run(channel);
    channel.abort();
  }

  private static void assertRefused(Connection raw, ChannelAction declare) throws IOException {
    Channel channel = raw.createChannel();
    assertThatThrownBy(() -> declare.run(channel)).isInstanceOf(IOException.class)
        .rootCause().hasMessageContaining("PRECONDITION_FAILED");
  }
}
