package ai.sutazai.storage.taskbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.storage.broker.RabbitFixture;
import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.broker.TaskVerdict;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The RabbitMQ task transport against the machine's broker, driven on one context as the task bus drives it: consume
 * and stop requests of one agent that overlap, and a start that fails half way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RabbitTaskTransportTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final RabbitFixture rabbit = new RabbitFixture();
  private final TaskBusOptions options = new TaskBusOptions(RabbitFixture.options(RabbitFixture.PORT, 3),
      rabbit.topology, 0, 3, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1));
  private final RabbitTaskTransport.TaskBusHandlers handlers = new RabbitTaskTransport.TaskBusHandlers(
      letter -> Future.succeededFuture(), task -> Future.succeededFuture(), event -> { }, () -> { });
  private Connection raw;

  @BeforeEach
  void connect() throws IOException, TimeoutException {
    raw = RabbitFixture.rawConnection();
  }

  @AfterEach
  void tearDown() throws Exception {
    raw.close();
    vertx.close().await();
    rabbit.close();
  }

  /**
   * Verifies that of two consumes of one agent asked for at once the second replaces the first, and that a stop asked
   * for while they start stops the consumer once it started: no consumer is left on the agent's queue.
   */
  @Test
  void overlappingConsumesAndStopLeaveNoConsumerBehind() {
    RabbitTaskTransport transport = onContext(() -> RabbitTaskTransport.start(vertx, options, handlers));
    String agent = rabbit.agentId("overlapping");
    String queue = TaskTopology.queueOf(agent);
    AgentConsumer consumer = new AgentConsumer(agent, rabbit.agentType("overlapping"), 1, 1_000);
    awaitTrue(() -> "connected".equals(transport.status().getString("state")), "connected to RabbitMQ");

    onContext(() -> Future.all(transport.consume(consumer, delivery -> Future.succeededFuture(TaskVerdict.ACK)),
        transport.consume(consumer, delivery -> Future.succeededFuture(TaskVerdict.ACK))).mapEmpty());
    awaitTrue(() -> consumers(queue) == 1, "one consumer on " + queue);

    onContext(() -> Future.all(transport.consume(consumer, delivery -> Future.succeededFuture(TaskVerdict.ACK)),
        transport.consume(consumer, delivery -> Future.succeededFuture(TaskVerdict.ACK)),
        transport.stop(agent)).mapEmpty());

    awaitTrue(() -> consumers(queue) == 0, "no consumer on " + queue);
    assertThat(transport.consumers()).isEmpty();
    onContext(transport::close);
  }

  /**
   * Verifies that a start whose consumer of the unroutable queue is refused (another connection holds it exclusively)
   * fails, cancels the dead-letter consumer it had started and closes the broker: once the queue is free, nothing
   * reconnects and consumes again.
   */
  @Test
  void startThatFailsHalfWayLeavesNothingRunning() throws IOException {
    Channel holder = raw.createChannel();
    holder.queueDeclare(rabbit.topology.unroutableQueue(), true, false, false, null);
    String tag = holder.basicConsume(rabbit.topology.unroutableQueue(), false, "", false, true, null,
        new DefaultConsumer(holder));

    assertThatThrownBy(() -> onContext(() -> RabbitTaskTransport.start(vertx, options, handlers)))
        .hasMessageContaining("RabbitMQ refused to let " + rabbit.topology.unroutableQueue() + " be consumed");
    holder.basicCancel(tag);

    assertStaysTrue(() -> consumers(rabbit.topology.deadLetterQueue()) == 0
        && consumers(rabbit.topology.unroutableQueue()) == 0, Duration.ofSeconds(2),
        "no consumer on the dead-letter or the unroutable queue");
  }

  private <T> T onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future().await();
  }

  private int consumers(String queue) {
    try {
      Channel channel = raw.createChannel();
      try {
        return channel.queueDeclarePassive(queue).getConsumerCount();
      } finally {
        channel.abort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitTrue(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
      vertx.timer(50).await();
    }
  }

  /** Checks {@code condition} every 50 ms for {@code window}: it must hold each time (nothing restarts behind it). */
  private void assertStaysTrue(Supplier<Boolean> condition, Duration window, String what) {
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      assertThat(condition.get()).as(what).isTrue();
      vertx.timer(50).await();
    }
  }
}
