package ai.sutazai.storage.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest) for the broker tests: unique agent ids and types, and a
 * dead-letter queue and an unroutable queue of each test's own, all deleted afterwards (the platform's exchanges
 * are durable and shared, and stay).
 */
public final class RabbitFixture implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5672;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> queues = new ArrayList<>();
  public final TaskTopology topology = new TaskTopology("test.dead-letters." + run, "test.unroutable." + run);

  public RabbitFixture() {
    queues.add(topology.deadLetterQueue());
    queues.add(topology.unroutableQueue());
  }

  /** A unique agent id whose queue is deleted when the test ends. */
  public String agentId(String name) {
    String id = "test-" + name + "-" + run;
    queues.add(TaskTopology.queueOf(id));
    return id;
  }

  /** A unique agent type, so that only this test's queues are bound for it. */
  public String agentType(String name) {
    return "testtype-" + name + "-" + run;
  }

  public static BrokerOptions options(int port, int maxAttempts) {
    return new BrokerOptions("amqp://guest:guest@" + HOST + ":" + port, Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(100), maxAttempts,
        Duration.ofMillis(50));
  }

  /** A raw channel of the Java client, for inspecting the broker from the test thread. */
  public static Connection rawConnection() throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    factory.setPort(PORT);
    return factory.newConnection("sutazai-test");
  }

  static void awaitTrue(Vertx vertx, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
      vertx.timer(50).await();
    }
  }

  @Override
  public void close() throws IOException, TimeoutException {
    try (Connection connection = rawConnection()) {
      Channel channel = connection.createChannel();
      for (String queue : queues) {
        channel.queueDelete(queue);
      }
    }
  }
}
