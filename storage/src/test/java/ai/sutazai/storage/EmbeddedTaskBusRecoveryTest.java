package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.TASK_BUS_CONSUME;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CREATE;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_GET;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The in-process task bus hands out again, after a redeploy, the tasks its queues held when it stopped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedTaskBusRecoveryTest {

  private final PgEndpoint database = TestServer.LOCAL.createDatabase();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    TestServer.await(vertx.close());
    TestServer.LOCAL.dropDatabase(database);
  }

  /** Verifies that a running and a queued task are both delivered again, the running one as its next attempt. */
  @Test
  void redeployedBusHandsOutUnfinishedTasks(@TempDir Path dataDir) {
    JsonObject config = StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database())
        .with("data.dir", dataDir.toString())
        .with("tasks.outbox_interval_ms", 100).json();
    String deployment = StorageBus.deploy(vertx, config);
    StorageBus bus = new StorageBus(vertx);
    String agent = "ag-recovering";
    JsonObject consume = new JsonObject().put("agent", agent).put("type", "family-recovering").put("concurrency", 1);
    String running;
    String queued;
    try (FakeAgent stuck = new FakeAgent(vertx, agent, (self, delivery) -> self.transition(delivery, "running", null)
        .compose(started -> Promise.<JsonObject>promise().future()))) {
      bus.request(TASK_BUS_CONSUME, consume);
      running = create(bus, agent, 5);
      bus.awaitCondition("the first task running", 10, () -> status(bus, running).equals("running"));
      queued = create(bus, agent, 5);
      bus.awaitCondition("the second task queued", 10, () -> status(bus, queued).equals("queued"));
    }
    TestServer.await(vertx.undeploy(deployment));

    StorageBus.deploy(vertx, config);
    try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
      bus.request(TASK_BUS_CONSUME, consume);

      bus.awaitCondition("both tasks completed", 20,
          () -> status(bus, running).equals("completed") && status(bus, queued).equals("completed"));
      assertThat(fake.deliveriesOf(running)).singleElement().satisfies(delivery -> {
        assertThat(delivery.attempt()).isEqualTo(2);
        assertThat(delivery.redelivered()).isTrue();
      });
      assertThat(fake.deliveriesOf(queued)).singleElement().satisfies(delivery -> {
        assertThat(delivery.attempt()).isEqualTo(1);
        assertThat(delivery.redelivered()).isFalse();
      });
      assertThat(bus.request(TASK_GET, new JsonObject().put("id", running)).getInteger("attempts")).isEqualTo(2);
    }
  }

  /**
   * Verifies that a task interrupted by the redeploy on its last attempt is recorded dead with the reason instead of
   * being handed out again.
   */
  @Test
  void taskInterruptedOnItsLastAttemptIsRecordedDead(@TempDir Path dataDir) {
    JsonObject config = StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database())
        .with("data.dir", dataDir.toString())
        .with("tasks.max_attempts", 1)
        .with("tasks.outbox_interval_ms", 100).json();
    String deployment = StorageBus.deploy(vertx, config);
    StorageBus bus = new StorageBus(vertx);
    String agent = "ag-interrupted";
    JsonObject consume = new JsonObject().put("agent", agent).put("type", "family-interrupted").put("concurrency", 1);
    String running;
    try (FakeAgent stuck = new FakeAgent(vertx, agent, (self, delivery) -> self.transition(delivery, "running", null)
        .compose(started -> Promise.<JsonObject>promise().future()))) {
      bus.request(TASK_BUS_CONSUME, consume);
      running = create(bus, agent, 5);
      bus.awaitCondition("the task running", 10, () -> status(bus, running).equals("running"));
    }
    TestServer.await(vertx.undeploy(deployment));

    StorageBus.deploy(vertx, config);
    try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
      bus.request(TASK_BUS_CONSUME, consume);

      bus.awaitCondition("the interrupted task dead", 20, () -> status(bus, running).equals("dead"));
      JsonObject task = bus.request(TASK_GET, new JsonObject().put("id", running));
      assertThat(task.getString("error")).isEqualTo("rejected after 1 attempt: interrupted by a restart");
      assertThat(task.getInteger("attempts")).isEqualTo(1);
      assertThat(fake.deliveries()).isEmpty();
    }
  }

  private static String create(StorageBus bus, String agent, int priority) {
    return bus.request(TASK_CREATE, new JsonObject().put("owner", "rita").put("type", "chat").put("agent", agent)
        .put("priority", priority)).getString("id");
  }

  private static String status(StorageBus bus, String id) {
    return bus.request(TASK_GET, new JsonObject().put("id", id)).getString("status");
  }
}
