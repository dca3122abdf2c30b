package ai.sutazai.verticles.agents.supervisor;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's start: every agent deployed as worker verticles and handed its tasks by the task bus. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentSupervisorStartTest {

  @TempDir
  Path dir;

  /** Verifies that start deploys every agent with its instances, on worker threads, and asks the task bus. */
  @Test
  void startDeploysEveryAgentAsWorkers(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("st-001"),
        agent("st-002").put("type", "testing").put("instances", 3).put("max_concurrent_tasks", 4)
            .put("timeout_seconds", 30));

    harness.start().awaitRunning("st-001", "st-002");

    assertThat(harness.agents.count("started:st-001")).isEqualTo(1);
    assertThat(harness.agents.count("started:st-002")).isEqualTo(3);
    assertThat(harness.taskBus.consumesOf("st-002")).containsExactly(new JsonObject()
        .put("agent", "st-002").put("type", "testing").put("concurrency", 12).put("timeout_ms", 40_000L));
    JsonObject reply = harness.deliver("st-002", false);
    assertThat(reply.getBoolean("worker")).isTrue();
    assertThat(reply.getString("deployment")).isEqualTo(harness.status("st-002").getString("deployment_id"));
    JsonObject status = harness.status("st-002");
    assertThat(status.getString("status")).isEqualTo("running");
    assertThat(status.getInteger("instances")).isEqualTo(3);
    assertThat(status.getLong("completed")).isEqualTo(1);
    assertThat(status.getString("deployed_at")).isNotNull();
    assertThat(status.getJsonObject("definition").getInteger("max_concurrent_tasks")).isEqualTo(4);
  }

  /**
   * Verifies that an agent waits, deploying, until the task bus answers, that readiness says so, and that the
   * supervisor starts anyway.
   */
  @Test
  void agentsWaitForTheTaskBusAndReadinessFollows(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir);
    harness.writeCatalogue(agent("st-011"), agent("st-012"));
    harness.start();
    SupervisorHarness.poll("both agents deployed", () -> harness.agents.count("started:st-012") == 1
        && harness.agents.count("started:st-011") == 1);

    JsonObject waiting = harness.ask(AgentAddresses.READINESS, new JsonObject());
    String statusWhileWaiting = harness.status("st-011").getString("status");
    harness.taskBus.start(vertx, harness.agents);
    SupervisorHarness.poll("ready", () -> harness.ask(AgentAddresses.READINESS, new JsonObject()).getBoolean("ready"));

    assertThat(waiting).isEqualTo(new JsonObject().put("ready", false).put("agents", 2).put("running", 0)
        .put("failed", new JsonArray()));
    assertThat(statusWhileWaiting).isEqualTo("deploying");
    assertThat(harness.ask(AgentAddresses.READINESS, new JsonObject())).isEqualTo(new JsonObject()
        .put("ready", true).put("agents", 2).put("running", 2).put("failed", new JsonArray()));
  }

  /** Verifies that an agent whose plugin jar is missing fails with an error naming it, and the others run. */
  @Test
  void missingPluginJarFailsOnlyThatAgent(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("st-021"), agent("st-022").put("class", "plugin.Greeter").put("jar", "absent.jar"));

    harness.start();
    SupervisorHarness.poll("ready", () -> harness.ask(AgentAddresses.READINESS, new JsonObject()).getBoolean("ready"));

    JsonObject failed = harness.status("st-022");
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("error")).isEqualTo("the plugin jar " + harness.plugins.resolve("absent.jar")
        + " of agent st-022 does not exist");
    assertThat(harness.status("st-021").getString("status")).isEqualTo("running");
    assertThat(harness.ask(AgentAddresses.READINESS, new JsonObject()).getJsonArray("failed"))
        .containsExactly("st-022");
  }

  /** Verifies that REDEPLOY gives the agent a new deployment, leaves the others alone and counts it. */
  @Test
  void redeployGivesANewDeployment(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("st-031"), agent("st-032"));
    harness.start().awaitRunning("st-031", "st-032");
    Map<String, String> before = harness.deployments();

    JsonObject redeployed = harness.ask(AgentAddresses.REDEPLOY, new JsonObject().put("id", "st-031"));

    assertThat(redeployed.getString("status")).isEqualTo("running");
    assertThat(redeployed.getString("deployment_id")).isNotEqualTo(before.get("st-031"));
    assertThat(harness.deployments().get("st-032")).isEqualTo(before.get("st-032"));
    assertThat(vertx.deploymentIDs()).doesNotContain(before.get("st-031"));
    assertThat(Meters.registry().get(AgentMeters.REDEPLOYS).tag("agent", "st-031").counter().count())
        .isEqualTo(1);
    assertThat(Meters.registry().get(AgentMeters.UP).tag("agent", "st-031").gauge().value()).isEqualTo(1);
    assertThat(harness.refusal(AgentAddresses.REDEPLOY, new JsonObject().put("id", "st-039"), 404)
        .getString("detail")).isEqualTo("no agent has the id st-039");
  }

  /** Verifies that the status of an agent counts its tasks and its in-flight gauge follows a held task. */
  @Test
  void statusCountsTasksInFlight(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("st-041"));
    harness.start().awaitRunning("st-041");
    Gauge inFlight = Meters.registry().get(AgentMeters.IN_FLIGHT).tag("agent", "st-041").gauge();

    var held = vertx.eventBus().request(AgentAddresses.deliveries("st-041"), SupervisorHarness.delivery(true));
    SupervisorHarness.poll("the task held", () -> harness.status("st-041").getInteger("in_flight") == 1);
    double whileHeld = inFlight.value();
    harness.agents.release.complete(null);
    held.await();

    assertThat(whileHeld).isEqualTo(1);
    assertThat(harness.status("st-041").getInteger("in_flight")).isZero();
    assertThat(harness.status("st-041").getLong("completed")).isEqualTo(1);
    assertThat(inFlight.value()).isZero();
  }

  /** Verifies that ROUTE answers from the catalogue in force, and refuses what it cannot route. */
  @Test
  void routeUsesTheCatalogueInForce(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("st-051"), agent("st-052").put("type", "security"));
    harness.start().awaitRunning("st-051", "st-052");

    assertThat(harness.ask(AgentAddresses.ROUTE, new JsonObject().put("type", "task_st_052")))
        .isEqualTo(new JsonObject().put("agent", "st-052").put("type", "security"));
    assertThat(harness.ask(AgentAddresses.ROUTE, new JsonObject().put("type", "task_st_051")
        .put("agent", "agent-st-051"))).isEqualTo(new JsonObject().put("agent", "st-051").put("type", "development"));
    assertThat(harness.refusal(AgentAddresses.ROUTE, new JsonObject().put("type", "task_st_053"), 422)
        .getString("detail")).isEqualTo("no agent takes tasks of type task_st_053 (did you mean task_st_051?)");
    assertThat(harness.refusal(AgentAddresses.ROUTE, new JsonObject().put("type", "task_st_051")
        .put("agent", "st-059"), 404).getString("detail")).isEqualTo("no agent has the id or name st-059");
    assertThat(harness.refusal(AgentAddresses.ROUTE, new JsonObject().put("agent", "st-051"), 400)
        .getString("detail")).isEqualTo("'type' must be a non-empty string");
  }
}
