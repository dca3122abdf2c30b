package ai.sutazai.storage.agent;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.StorageVerticle;
import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.PostgresOptions;
import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.agents.AgentAddresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples of the agents' counts in {@code agent_metrics}, taken from a fake agent supervisor answering
 * {@link AgentAddresses#LIST}, in the machine's PostgreSQL on a throwaway database of this class's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentMetricsSamplerTest {

  private PgEndpoint database;
  private Vertx vertx;
  private ResilientPostgres postgres;
  private MessageConsumer<JsonObject> supervisor;

  @BeforeAll
  void openDatabase() {
    database = TestServer.LOCAL.createDatabase();
    vertx = Vertx.vertx();
    postgres = new ResilientPostgres(vertx, PostgresOptions.external(url()));
    await(postgres.start());
  }

  @AfterAll
  void dropDatabase() {
    await(postgres.close());
    await(vertx.close());
    TestServer.LOCAL.dropDatabase(database);
  }

  @AfterEach
  void stopSupervisor() {
    if (supervisor != null) {
      await(supervisor.unregister());
      supervisor = null;
    }
  }

  /** Verifies that one sample stores every agent's counts and whether it runs, all with one time. */
  @Test
  void oneRowPerAgentAndMetric() {
    superviseAgents(
        agent("ag-101", "running", 2, 40, 3),
        agent("ag-102", "failed", 0, 0, 0),
        new JsonObject().put("id", "ag-103").put("status", "deploying"));

    int stored = await(new AgentMetricsSampler(vertx, postgres, 0).sample());

    assertThat(stored).isEqualTo(9);
    assertThat(rows("ag-101", "ag-102", "ag-103")).containsExactlyInAnyOrder(
        "ag-101 in_flight 2.0", "ag-101 completed 40.0", "ag-101 failed 3.0", "ag-101 up 1.0",
        "ag-102 in_flight 0.0", "ag-102 completed 0.0", "ag-102 failed 0.0", "ag-102 up 0.0",
        "ag-103 up 0.0");
    assertThat(query("SELECT count(DISTINCT timestamp) FROM agent_metrics WHERE agent_id LIKE 'ag-10%'")
        .get(0).getLong(0)).as("one time for the whole sample").isEqualTo(1);
  }

  /** Verifies that without an agent supervisor a sample is skipped: nothing is stored and nothing fails. */
  @Test
  void noSupervisorSkipsTheSample() {
    long before = count();

    int stored = await(new AgentMetricsSampler(vertx, postgres, 0).sample());

    assertThat(stored).isZero();
    assertThat(count()).isEqualTo(before);
  }

  /** Verifies that the storage verticle samples every agents.metrics_interval_ms. */
  @Test
  void theStorageVerticleSamplesEveryInterval(@TempDir Path dataDir) throws InterruptedException {
    // A Vert.x of its own: its supervisor and storage verticle see each other only.
    Vertx other = Vertx.vertx();
    try {
      other.eventBus().<JsonObject>consumer(AgentAddresses.LIST,
          message -> message.reply(new JsonObject()
              .put("agents", new JsonArray().add(agent("ag-201", "running", 1, 2, 0)))))
          .completion().await();
      await(other.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(new JsonObject()
          .put("pg", new JsonObject().put("url", url()))
          .put("data", new JsonObject().put("dir", dataDir.toString()))
          .put("agents", new JsonObject().put("metrics_interval_ms", 100)))));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      long samples = 0;
      while (samples < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        samples = query("SELECT count(DISTINCT timestamp) FROM agent_metrics WHERE agent_id = 'ag-201'")
            .get(0).getLong(0);
      }

      assertThat(samples).as("samples of ag-201 within 20 s at a 100 ms interval").isGreaterThanOrEqualTo(3);
    } finally {
      await(other.close());
    }
  }

  private void superviseAgents(JsonObject... agents) {
    JsonArray list = new JsonArray(List.of((Object[]) agents));
    supervisor = vertx.eventBus().consumer(AgentAddresses.LIST,
        message -> message.reply(new JsonObject().put("agents", list)));
    await(supervisor.completion());
  }

  private static JsonObject agent(String id, String status, int inFlight, int completed, int failed) {
    return new JsonObject().put("id", id).put("name", "agent-" + id).put("type", "development").put("status", status)
        .put("instances", 1).put("in_flight", inFlight).put("completed", completed).put("failed", failed);
  }

  private List<String> rows(String... agents) {
    List<String> rows = new ArrayList<>();
    query("SELECT agent_id, metric_name, metric_value FROM agent_metrics WHERE agent_id = ANY($1)", (Object) agents)
        .forEach(row -> rows.add(row.getString(0) + " " + row.getString(1) + " " + row.getDouble(2)));
    return rows;
  }

  private long count() {
    return query("SELECT count(*) FROM agent_metrics").get(0).getLong(0);
  }

  private List<Row> query(String sql, Object... parameters) {
    return await(postgres.call(pool -> pool.preparedQuery(sql).execute(Tuple.from(parameters)).map(set -> {
      List<Row> rows = new ArrayList<>();
      set.forEach(rows::add);
      return rows;
    })));
  }

  private String url() {
    return "postgresql://postgres@127.0.0.1:5432/" + database.database();
  }
}
