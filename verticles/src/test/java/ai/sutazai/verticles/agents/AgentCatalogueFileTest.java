package ai.sutazai.verticles.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reading the catalogue that agents.file names, and falling back to the built-in one. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentCatalogueFileTest {

  @TempDir
  Path dir;

  /** Verifies that with agents.file at its default and no such file, the built-in catalogue is used. */
  @Test
  void absentDefaultFileGivesTheBuiltInCatalogue(Vertx vertx) {
    assertThat(Path.of("conf", "agents.json")).doesNotExist();

    AgentCatalogue catalogue = AgentCatalogueFile.read(vertx, new JsonObject()).await();

    assertThat(catalogue.size()).isEqualTo(69);
    assertThat(catalogue.byId("ag-001")).map(AgentDefinition::name).contains("agentzero-coordinator");
  }

  /** Verifies that the file agents.file names is the one read. */
  @Test
  void readsTheConfiguredFile(Vertx vertx) throws IOException {
    Path file = dir.resolve("agents.json");
    Files.writeString(file, """
        {"agents": [{"id": "ops-1", "name": "night-watch", "type": "infrastructure",
                     "capabilities": ["incident_triage"], "system_prompt": "You watch the night shift."}]}
        """);

    AgentCatalogue catalogue = AgentCatalogueFile.read(vertx, config(file)).await();

    assertThat(catalogue.agents()).extracting(AgentDefinition::name).containsExactly("night-watch");
  }

  /** Verifies that a file named explicitly must exist rather than silently giving the built-in catalogue. */
  @Test
  void missingConfiguredFileFails(Vertx vertx) {
    Path file = dir.resolve("missing.json");

    assertThatThrownBy(() -> AgentCatalogueFile.read(vertx, config(file)).await())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the agent catalogue " + file + " named by agents.file (SUTAZAI_AGENTS_FILE) does not exist");
  }

  /** Verifies that an invalid file fails with every error, each naming the agent and the field. */
  @Test
  void invalidFileFailsWithItsErrors(Vertx vertx) throws IOException {
    Path file = dir.resolve("agents.json");
    Files.writeString(file, """
        {"agents": [{"id": "ops-1", "name": "night-watch", "type": "infrastructure", "instances": 0,
                     "capabilities": ["incident_triage"], "system_prompt": "You watch the night shift."}]}
        """);

    assertThatThrownBy(() -> AgentCatalogueFile.read(vertx, config(file)).await())
        .isInstanceOfSatisfying(InvalidAgentCatalogueException.class, e -> assertThat(e.errors())
            .containsExactly(new AgentConfigError("ops-1", "/agents/0/instances",
                "must be a whole number from 1 to 64, got 0")))
        .hasMessageStartingWith(file + " is not a valid agent catalogue: agent ops-1: /agents/0/instances");
  }

  private static JsonObject config(Path file) {
    return new JsonObject().put("agents", new JsonObject().put("file", file.toString()));
  }
}
