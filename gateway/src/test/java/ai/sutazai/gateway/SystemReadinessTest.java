package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.agents.AgentAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readiness and status with the agent supervisor and the task bus: a supervisor still deploying keeps SutazAI
 * unready, none at all does not; the task bus is listed with its state; status counts the agents by status and
 * relays the task bus. The supervisor is a fake answering {@link AgentAddresses#READINESS} and {@link
 * AgentAddresses#LIST} as their contract says.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemReadinessTest {

  private static final JsonObject RABBITMQ_CONNECTED = new JsonObject().put("transport", "rabbitmq")
      .put("state", "connected").put("endpoint", "127.0.0.1:5672").put("outbox", 0)
      .put("consumers", new JsonArray().add("ag-001")).put("unroutable", 0).put("dead_letters", 0);

  private final List<MessageConsumer<JsonObject>> supervisor = new ArrayList<>();
  private TestGateway gateway;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    gateway = TestGateway.start(vertx);
    gateway.agents().stop().await();
  }

  @AfterEach
  void stop() throws Exception {
    supervisor.forEach(consumer -> consumer.unregister().await());
    gateway.closeClients();
  }

  /** Verifies that without an agent supervisor SutazAI is ready, listing the agents as not deployed. */
  @Test
  void readyWithoutAgents() throws Exception {
    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getJsonObject("components").getJsonObject("agents"))
        .isEqualTo(new JsonObject().put("status", "not deployed"));
  }

  /** Verifies that readiness waits for the supervisor to have deployed every agent once. */
  @Test
  void notReadyWhileAgentsAreDeployed() throws Exception {
    supervise(AgentAddresses.READINESS, new JsonObject().put("ready", false).put("agents", 69).put("running", 12)
        .put("failed", new JsonArray()));

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("detail")).isEqualTo("agents are still being deployed (12 of 69 running)");
    assertThat(result.json().getJsonObject("components").getJsonObject("agents")).isEqualTo(new JsonObject()
        .put("status", "starting").put("agents", 69).put("running", 12).put("failed", new JsonArray()));
  }

  /** Verifies that once every agent was deployed (one failed) SutazAI is ready and names the failed one. */
  @Test
  void readyOnceAgentsAreDeployed() throws Exception {
    supervise(AgentAddresses.READINESS, new JsonObject().put("ready", true).put("agents", 3).put("running", 2)
        .put("failed", new JsonArray().add("ag-003")));

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(200);
    JsonObject agents = result.json().getJsonObject("components").getJsonObject("agents");
    assertThat(agents.getString("status")).isEqualTo("up");
    assertThat(agents.getJsonArray("failed")).containsExactly("ag-003");
  }

  /** Verifies that a supervisor that answers with a failure keeps SutazAI unready, saying why. */
  @Test
  void notReadyWhenTheSupervisorFails() throws Exception {
    supervisor.add(vertx.eventBus().<JsonObject>consumer(AgentAddresses.READINESS,
        message -> message.fail(500, "{\"type\":\"urn:sutazai:problem:internal\",\"title\":\"Internal error\","
            + "\"status\":500,\"detail\":\"catalogue unreadable\"}")));
    supervisor.get(0).completion().await();

    HttpResult result = gateway.get("/api/v1/system/ready");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("detail"))
        .isEqualTo("the agent supervisor does not answer: catalogue unreadable");
    assertThat(result.json().getJsonObject("components").getJsonObject("agents").getString("status"))
        .isEqualTo("down");
  }

  /** Verifies that the task bus is listed with its state, and that one without RabbitMQ is down, SutazAI still ready. */
  @Test
  void taskBusIsListedWithoutBlocking() throws Exception {
    gateway.storage().taskBus(RABBITMQ_CONNECTED, null);
    JsonObject connected = gateway.get("/api/v1/system/ready").json().getJsonObject("components");
    gateway.storage().taskBus(RABBITMQ_CONNECTED.copy().put("state", "unavailable"), null);
    HttpResult unavailable = gateway.get("/api/v1/system/ready");

    assertThat(connected.getJsonObject("task_bus")).isEqualTo(RABBITMQ_CONNECTED.copy().put("status", "up"));
    assertThat(unavailable.status()).isEqualTo(200);
    assertThat(unavailable.json().getJsonObject("components").getJsonObject("task_bus").getString("status"))
        .isEqualTo("down");
  }

  /** Verifies that status counts the agents by status and relays the task bus and the task counts. */
  @Test
  void statusSummarisesAgentsAndTasks() throws Exception {
    supervise(AgentAddresses.LIST, new JsonObject().put("agents", new JsonArray()
        .add(agent("ag-001", "running")).add(agent("ag-002", "running")).add(agent("ag-003", "failed"))));
    JsonObject counts = new JsonObject().put("pending", 1).put("queued", 4).put("running", 2);
    gateway.storage().taskBus(RABBITMQ_CONNECTED, counts);

    JsonObject status = gateway.get("/api/v1/system/status").json();

    assertThat(status.getJsonObject("agents")).isEqualTo(new JsonObject().put("total", 3)
        .put("by_status", new JsonObject().put("running", 2).put("failed", 1)));
    assertThat(status.getJsonObject("tasks"))
        .isEqualTo(new JsonObject().put("task_bus", RABBITMQ_CONNECTED).put("counts", counts));
    assertThat(status.getJsonObject("levels")).isNotNull();
  }

  /** Verifies that status without a supervisor says the agents are not deployed, and still shows the rest. */
  @Test
  void statusWithoutAgents() throws Exception {
    JsonObject status = gateway.get("/api/v1/system/status").json();

    assertThat(status.getJsonObject("agents")).isEqualTo(new JsonObject().put("deployed", false));
    assertThat(status.getJsonObject("tasks")).isEqualTo(new JsonObject());
    assertThat(status.getJsonObject("storage").getJsonObject("postgres").getString("status")).isEqualTo("up");
  }

  private void supervise(String address, JsonObject reply) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> message.reply(reply));
    supervisor.add(consumer);
    consumer.completion().await();
  }

  private static JsonObject agent(String id, String status) {
    return new JsonObject().put("id", id).put("name", "agent-" + id).put("type", "development")
        .put("status", status).put("instances", 1).put("in_flight", 0).put("completed", 0).put("failed", 0);
  }
}
