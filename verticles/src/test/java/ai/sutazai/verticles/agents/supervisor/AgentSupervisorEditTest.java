package ai.sutazai.verticles.agents.supervisor;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentCatalogueFile;
import ai.sutazai.verticles.agents.AgentCatalogueLoader;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CREATE, UPDATE and DELETE: checked with the whole catalogue, written to the agents file, applied once. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentSupervisorEditTest {

  @TempDir
  Path dir;

  /**
   * Verifies that CREATE, UPDATE and DELETE each write the agents file, in the file's order with new agents last,
   * that the catalogue read back from it is the one in force, and that the watcher applies none of them again.
   */
  @Test
  void editsAreWrittenAndAppliedOnce(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("ed-002"), agent("ed-001"));
    harness.start().awaitRunning("ed-001", "ed-002");

    JsonObject created = harness.ask(AgentAddresses.CREATE, new JsonObject().put("agent", agent("ed-003")));
    JsonObject updated = harness.ask(AgentAddresses.UPDATE, new JsonObject().put("id", "ed-001")
        .put("agent", agent("ed-001").put("instances", 2).put("name", "renamed-one").copy()));
    JsonObject deleted = harness.ask(AgentAddresses.DELETE, new JsonObject().put("id", "ed-002"));
    Map<String, String> afterEdits = harness.deployments();
    AgentCatalogue onDisk = AgentCatalogueFile.read(vertx, harness.config()).await();
    harness.write(harness.fileText().replace("\"ed-003\"", "\"ed-004\"").replace("agent-ed-003", "agent-ed-004"));
    harness.awaitRunning("ed-001", "ed-004");

    assertThat(created.getString("status")).isEqualTo("running");
    assertThat(updated.getString("name")).isEqualTo("renamed-one");
    assertThat(updated.getInteger("instances")).isEqualTo(2);
    assertThat(deleted).isEqualTo(new JsonObject());
    assertThat(onDisk.agents()).extracting(AgentDefinition::id).containsExactly("ed-001", "ed-003");
    assertThat(onDisk.byId("ed-001").orElseThrow().name()).isEqualTo("renamed-one");
    assertThat(harness.deployments()).containsEntry("ed-001", afterEdits.get("ed-001"));
    assertThat(harness.agents.count("started:ed-003")).isEqualTo(1);
    assertThat(Meters.registry().get(AgentMeters.REDEPLOYS).tag("agent", "ed-001").counter().count()).isEqualTo(1);
  }

  /** Verifies that a new supervisor on the written file runs the same catalogue. */
  @Test
  void writtenFileIsWhatTheNextStartRuns(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("ed-011"));
    harness.start().awaitRunning("ed-011");
    harness.ask(AgentAddresses.CREATE, new JsonObject().put("agent", agent("ed-012").put("model", "llama3.2:1b")));
    JsonObject before = harness.ask(AgentAddresses.LIST, new JsonObject());

    vertx.undeploy(harness.deploymentId).await();
    harness.start().awaitRunning("ed-011", "ed-012");

    assertThat(definitions(harness.ask(AgentAddresses.LIST, new JsonObject()))).isEqualTo(definitions(before));
  }

  /**
   * Verifies that an invalid agent, a repeated name, a missing plugin jar, a taken id and a mismatched id are
   * refused naming the agent and the field, with the file and the running agents left as they were.
   */
  @Test
  void invalidEditsChangeNothing(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("ed-021"), agent("ed-022"));
    harness.start().awaitRunning("ed-021", "ed-022");
    String file = harness.fileText();
    Map<String, String> running = harness.deployments();

    JsonObject invalid = harness.refusal(AgentAddresses.CREATE,
        new JsonObject().put("agent", agent("ed-023").put("instances", 0).put("colour", "red")), 422);
    JsonObject repeatedName = harness.refusal(AgentAddresses.CREATE,
        new JsonObject().put("agent", agent("ed-023").put("name", "agent-ed-021")), 422);
    JsonObject missingJar = harness.refusal(AgentAddresses.UPDATE, new JsonObject().put("id", "ed-022")
        .put("agent", agent("ed-022").put("class", "plugin.Greeter").put("jar", "absent.jar")), 422);
    JsonObject taken = harness.refusal(AgentAddresses.CREATE, new JsonObject().put("agent", agent("ed-021")), 409);
    JsonObject otherId = harness.refusal(AgentAddresses.UPDATE,
        new JsonObject().put("id", "ed-022").put("agent", agent("ed-029")), 422);
    JsonObject unknown = harness.refusal(AgentAddresses.DELETE, new JsonObject().put("id", "ed-029"), 404);

    assertThat(invalid.getJsonArray("errors")).containsExactlyInAnyOrder(
        error("ed-023", "/agent/colour", "is not a known field"),
        error("ed-023", "/agent/instances", "must be a whole number from 1 to 64, got 0"));
    assertThat(invalid.getString("detail")).startsWith("the agent is not valid: agent ed-023: /agent/");
    assertThat(repeatedName.getJsonArray("errors")).containsExactly(error("ed-023", "/agent/name",
        "must be unique, but agent-ed-021 is also the name of the agent at /agents/0"));
    assertThat(missingJar.getJsonArray("errors")).containsExactly(error("ed-022", "/agent/jar",
        "names absent.jar, which is not a jar in plugins.dir (" + harness.plugins + ")"));
    assertThat(taken.getString("detail")).isEqualTo("an agent with the id ed-021 exists");
    assertThat(otherId.getJsonArray("errors")).containsExactly(error("ed-022", "/agent/id",
        "must be ed-022, the id of the agent updated, or left out; got ed-029"));
    assertThat(unknown.getString("detail")).isEqualTo("no agent has the id ed-029");
    assertThat(harness.fileText()).isEqualTo(file);
    assertThat(harness.deployments()).isEqualTo(running);
  }

  /** Verifies that malformed requests are refused with 400 naming the field. */
  @Test
  void malformedRequestsAreRefused(Vertx vertx) {
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    harness.writeCatalogue(agent("ed-031"));
    harness.start().awaitRunning("ed-031");

    assertThat(harness.refusal(AgentAddresses.CREATE, new JsonObject().put("agent", "ed-032"), 400)
        .getString("detail")).isEqualTo("'agent' must be an object, an agent in the catalogue's format");
    assertThat(harness.refusal(AgentAddresses.GET, new JsonObject(), 400).getString("detail"))
        .isEqualTo("'id' must be a non-empty string");
  }

  /** Verifies that an edit of the built-in catalogue (agents.file at its default and absent) creates the file. */
  @Test
  void editOfTheBuiltInCatalogueCreatesTheFile(Vertx vertx) throws IOException {
    Path defaultFile = Path.of("conf", "agents.json");
    assertThat(defaultFile.getParent()).doesNotExist();
    SupervisorHarness harness = new SupervisorHarness(vertx, dir).withTaskBus();
    JsonObject config = harness.config();
    config.getJsonObject("agents").remove("file");
    try {
      harness.start(config);
      SupervisorHarness.poll("ready", () -> harness.ask(AgentAddresses.READINESS, new JsonObject())
          .getBoolean("ready"));

      harness.ask(AgentAddresses.CREATE, new JsonObject().put("agent", agent("ed-041")));
      AgentCatalogue onDisk = AgentCatalogueFile.read(vertx, config).await();

      assertThat(onDisk.size()).isEqualTo(70);
      assertThat(onDisk.agents().get(69).id()).isEqualTo("ed-041");
      assertThat(onDisk.agents().subList(0, 69)).isEqualTo(AgentCatalogueLoader.shipped().agents());
    } finally {
      vertx.undeploy(harness.deploymentId).await();
      Files.deleteIfExists(defaultFile);
      Files.deleteIfExists(defaultFile.getParent());
    }
  }

  private static JsonObject error(String agent, String pointer, String message) {
    return new JsonObject().put("agent", agent).put("pointer", pointer).put("message", message);
  }

  private static JsonArray definitions(JsonObject list) {
    return new JsonArray(list.getJsonArray("agents").stream()
        .map(agent -> ((JsonObject) agent).getJsonObject("definition")).toList());
  }
}
