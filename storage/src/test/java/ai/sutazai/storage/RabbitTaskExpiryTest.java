package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.TASK_BUS_CONSUME;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_BUS_STOP;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CREATE;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_EVENTS;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_GET;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.broker.RabbitFixture;
import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A task whose time to live runs out in its agent's RabbitMQ queue is dead-lettered and recorded dead. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RabbitTaskExpiryTest {

  private static final long EXPIRATION_MS = 300;

  private final RabbitFixture rabbit = new RabbitFixture();
  private final PgEndpoint database = TestServer.LOCAL.createDatabase();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    TestServer.await(vertx.close());
    TestServer.LOCAL.dropDatabase(database);
    rabbit.close();
  }

  /** Verifies that an expired task is recorded dead with the reason and the broker's x-death entry. */
  @Test
  void expiredTaskIsRecordedDead(@TempDir Path dataDir) {
    StorageBus.deploy(vertx, new StorageVerticle(rabbit.topology, EXPIRATION_MS), StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database())
        .with("data.dir", dataDir.toString())
        .with("rabbitmq.url", "amqp://guest:guest@" + RabbitFixture.HOST + ":" + RabbitFixture.PORT).json());
    StorageBus bus = new StorageBus(vertx);
    String agent = rabbit.agentId("expiring");
    bus.request(TASK_BUS_CONSUME, new JsonObject().put("agent", agent).put("type", rabbit.agentType("expiring"))
        .put("concurrency", 1));
    bus.request(TASK_BUS_STOP, new JsonObject().put("agent", agent));

    String id = bus.request(TASK_CREATE, new JsonObject().put("owner", "olive").put("type", "chat")
        .put("agent", agent)).getString("id");

    bus.awaitCondition("the task recorded dead", 30,
        () -> bus.request(TASK_GET, new JsonObject().put("id", id)).getString("status").equals("dead"));
    JsonObject task = bus.request(TASK_GET, new JsonObject().put("id", id));
    assertThat(task.getString("error")).isEqualTo("expired: waited more than 300 ms in agent." + agent + ".tasks");
    assertThat(task.getInteger("attempts")).isZero();
    JsonArray events = bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events");
    JsonObject detail = events.getJsonObject(events.size() - 1).getJsonObject("detail");
    assertThat(detail.getString("reason")).isEqualTo("expired");
    assertThat(detail.getString("queue")).isEqualTo("agent." + agent + ".tasks");
    assertThat(detail.getString("original-expiration")).isEqualTo("300");
    bus.awaitCondition("the dead letter counted", 10,
        () -> bus.status().getJsonObject("task_bus").getLong("dead_letters") == 1);
  }
}
