package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.TASK_BUS_CONSUME;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CREATE;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_EVENTS;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_GET;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.broker.RabbitFixture;
import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tasks submitted while RabbitMQ is away (a TCP proxy the test cuts) wait in the outbox and run once it is back. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TaskBusBrokerOutageTest {

  private static final int TASKS = 5;

  private final RabbitFixture rabbit = new RabbitFixture();
  private final PgEndpoint database = TestServer.LOCAL.createDatabase();
  private final Vertx vertx = Vertx.vertx();
  private final TcpProxy proxy = new TcpProxy(vertx, RabbitFixture.HOST, RabbitFixture.PORT);

  @AfterEach
  void tearDown() throws Exception {
    proxy.close();
    TestServer.await(vertx.close());
    TestServer.LOCAL.dropDatabase(database);
    rabbit.close();
  }

  /** Verifies that every task created during the outage is accepted, stays pending, and runs exactly once after. */
  @Test
  void tasksCreatedDuringAnOutageRunOnceItIsOver(@TempDir Path dataDir) {
    proxy.open();
    StorageBus.deploy(vertx, new StorageVerticle(rabbit.topology, 0), StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database())
        .with("data.dir", dataDir.toString())
        .with("rabbitmq.url", "amqp://guest:guest@127.0.0.1:" + proxy.port())
        .with("rabbitmq.reconnect_max_delay_ms", 500)
        .with("tasks.outbox_interval_ms", 100)
        .with("tasks.count_interval_ms", 100).json());
    StorageBus bus = new StorageBus(vertx);
    String agent = rabbit.agentId("outage");
    try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
      bus.awaitCondition("connected to RabbitMQ", 20, () -> state(bus).equals("connected"));
      bus.request(TASK_BUS_CONSUME, new JsonObject().put("agent", agent).put("type", rabbit.agentType("outage"))
          .put("concurrency", 2));

      proxy.shut();
      bus.awaitCondition("RabbitMQ reported unavailable", 20, () -> state(bus).equals("unavailable"));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        JsonObject created = bus.request(TASK_CREATE, new JsonObject().put("owner", "oscar").put("type", "chat")
            .put("agent", agent));
        assertThat(created.getString("status")).isEqualTo("pending");
        ids.add(created.getString("id"));
      }
      bus.awaitCondition("the tasks counted in the outbox", 10,
          () -> bus.status().getJsonObject("task_bus").getLong("outbox") == TASKS);
      assertThat(ids).allSatisfy(id -> assertThat(status(bus, id)).isEqualTo("pending"));

      proxy.open();

      bus.awaitCondition("every task completed", 30, () -> ids.stream().allMatch(id -> status(bus, id)
          .equals("completed")));
      for (String id : ids) {
        assertThat(fake.deliveriesOf(id)).hasSize(1);
        assertThat(bus.request(TASK_GET, new JsonObject().put("id", id)).getInteger("attempts")).isEqualTo(1);
        assertThat(TaskBusContract.statuses(bus.request(TASK_EVENTS, new JsonObject().put("id", id))
            .getJsonArray("events"))).containsExactly("pending", "queued", "running", "completed");
      }
    }
  }

  private static String state(StorageBus bus) {
    return bus.status().getJsonObject("task_bus").getString("state");
  }

  private static String status(StorageBus bus, String id) {
    return bus.request(TASK_GET, new JsonObject().put("id", id)).getString("status");
  }
}
