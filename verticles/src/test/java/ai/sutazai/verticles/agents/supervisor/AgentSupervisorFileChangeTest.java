package ai.sutazai.verticles.agents.supervisor;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static ai.sutazai.verticles.agents.CatalogueTexts.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.metrics.Meters;
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

/** Changes of the agents file applied agent by agent, and refused files changing nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentSupervisorFileChangeTest {

  @TempDir
  Path dir;

  /** Verifies that adding, removing and changing one agent in the file touches only that agent. */
  @Test
  void eachFileChangeTouchesOnlyItsAgent(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("fc-001"), agent("fc-002"), agent("fc-003"));
    harness.start().awaitRunning("fc-001", "fc-002", "fc-003");
    Map<String, String> first = harness.deployments();

    harness.writeCatalogue(agent("fc-001"), agent("fc-002"), agent("fc-003"), agent("fc-004"));
    harness.awaitRunning("fc-001", "fc-002", "fc-003", "fc-004");
    Map<String, String> added = harness.deployments();
    harness.writeCatalogue(agent("fc-001"), agent("fc-003"), agent("fc-004"));
    harness.awaitRunning("fc-001", "fc-003", "fc-004");
    Map<String, String> removed = harness.deployments();
    harness.writeCatalogue(agent("fc-001"), agent("fc-003").put("instances", 2), agent("fc-004"));
    SupervisorHarness.poll("fc-003 redeployed", () -> harness.status("fc-003").getInteger("instances") == 2
        && harness.status("fc-003").getString("status").equals("running"));
    Map<String, String> changed = harness.deployments();

    assertThat(added).containsAllEntriesOf(first);
    assertThat(removed).doesNotContainKey("fc-002").containsEntry("fc-001", first.get("fc-001"))
        .containsEntry("fc-003", first.get("fc-003")).containsEntry("fc-004", added.get("fc-004"));
    assertThat(changed.get("fc-003")).isNotEqualTo(first.get("fc-003"));
    assertThat(changed).containsEntry("fc-001", first.get("fc-001")).containsEntry("fc-004", added.get("fc-004"));
    assertThat(harness.taskBus.stops).containsExactly(new JsonObject().put("agent", "fc-002"),
        new JsonObject().put("agent", "fc-003"));
    assertThat(Meters.registry().find(AgentMeters.UP).tag("agent", "fc-002").gauge()).isNull();
    assertThat(Meters.registry().get(AgentMeters.REDEPLOYS).tag("agent", "fc-003").counter().count()).isEqualTo(1);
  }

  /**
   * Verifies that a file with bad JSON, a schema error, a repeated id or a missing plugin jar changes nothing,
   * whether the watcher or RELOAD reads it, and that the next valid file is applied.
   */
  @Test
  void refusedFilesChangeNothing(Vertx vertx) throws InterruptedException {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("fc-011"), agent("fc-012"));
    harness.start().awaitRunning("fc-011", "fc-012");
    Map<String, String> first = harness.deployments();

    for (String refused : new String[] {
        "{\"agents\": [",
        text(agent("fc-011").put("instances", 2), agent("fc-012").put("instances", 0)),
        text(agent("fc-011").put("instances", 2), agent("fc-012"), agent("fc-011").put("name", "another")),
        text(agent("fc-011").put("instances", 2),
            agent("fc-012").put("class", "plugin.Greeter").put("jar", "absent.jar"))}) {
      harness.write(refused);
      JsonObject reload = harness.refusal(AgentAddresses.RELOAD, new JsonObject(), 422);
      assertThat(reload.getJsonArray("errors")).isNotEmpty();
      // leaves the file long enough for the watcher to settle on it and read it
      Thread.sleep(4L * SupervisorHarness.WATCH_DEBOUNCE_MS);
      assertThat(harness.deployments()).isEqualTo(first);
    }
    harness.writeCatalogue(agent("fc-011"), agent("fc-013"));
    harness.awaitRunning("fc-011", "fc-013");

    assertThat(harness.deployments()).containsEntry("fc-011", first.get("fc-011"));
    assertThat(harness.agents.count("started:fc-011")).isEqualTo(1);
    assertThat(harness.agents.count("started:fc-012")).isEqualTo(1);
  }

  /** Verifies that RELOAD says what it applied, and names each error of a refused file. */
  @Test
  void reloadRepliesTheChangeOrTheErrors(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir);
    harness.withTaskBus().writeCatalogue(agent("fc-021"), agent("fc-022"));
    harness.start(harness.config().put("agents", harness.config().getJsonObject("agents")
        .put("watch_interval_ms", 3_600_000))).awaitRunning("fc-021", "fc-022");

    harness.writeCatalogue(agent("fc-022").put("instances", 2), agent("fc-023"));
    JsonObject applied = harness.ask(AgentAddresses.RELOAD, new JsonObject());
    harness.writeCatalogue(agent("fc-022").put("instances", 2), agent("fc-023").put("timeout_seconds", 0));
    JsonObject problem = harness.refusal(AgentAddresses.RELOAD, new JsonObject(), 422);

    assertThat(applied).isEqualTo(new JsonObject().put("added", new JsonArray().add("fc-023"))
        .put("removed", new JsonArray().add("fc-021")).put("changed", new JsonArray().add("fc-022")));
    assertThat(harness.deployments().keySet()).containsExactly("fc-022", "fc-023");
    assertThat(problem.getString("type")).isEqualTo("urn:sutazai:problem:invalid-agent-catalogue");
    assertThat(problem.getJsonArray("errors")).containsExactly(new JsonObject().put("agent", "fc-023")
        .put("pointer", "/agents/1/timeout_seconds")
        .put("message", "must be a whole number of seconds from 1 to 86400, got 0"));
  }
}
