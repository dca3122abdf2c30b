package ai.sutazai.verticles.agents;

import static ai.sutazai.verticles.agents.CatalogueTexts.agent;
import static ai.sutazai.verticles.agents.CatalogueTexts.catalogue;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Working out which agents a new catalogue adds, removes and changes against the running one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CatalogueChangeTest {

  private static final PluginJars NO_JARS = PluginJars.none();

  /** Verifies that agents only in the new catalogue are added, in id order whatever the file's order. */
  @Test
  void newAgentsAreAddedInIdOrder() {
    AgentCatalogue running = catalogue(agent("ag-002"));
    AgentCatalogue loaded = catalogue(agent("ag-009"), agent("ag-002"), agent("ag-003"));

    CatalogueChange change = CatalogueChange.between(running, NO_JARS, loaded, NO_JARS);

    assertThat(change.added()).extracting(AgentDefinition::id).containsExactly("ag-003", "ag-009");
    assertThat(change.removed()).isEmpty();
    assertThat(change.changed()).isEmpty();
    assertThat(change.isEmpty()).isFalse();
    assertThat(change).hasToString("added [ag-003, ag-009], removed [], changed []");
  }

  /** Verifies that agents missing from the new catalogue are removed, as they were running. */
  @Test
  void missingAgentsAreRemoved() {
    AgentCatalogue running = catalogue(agent("ag-005"), agent("ag-001").put("instances", 3), agent("ag-002"));
    AgentCatalogue loaded = catalogue(agent("ag-002"));

    CatalogueChange change = CatalogueChange.between(running, NO_JARS, loaded, NO_JARS);

    assertThat(change.removed()).extracting(AgentDefinition::id).containsExactly("ag-001", "ag-005");
    assertThat(change.removed().get(0).instances()).isEqualTo(3);
    assertThat(change.added()).isEmpty();
    assertThat(change.changed()).isEmpty();
  }

  static Stream<Arguments> edits() {
    return Stream.of(
        edit("instances", a -> a.put("instances", 2)),
        edit("max_concurrent_tasks", a -> a.put("max_concurrent_tasks", 4)),
        edit("timeout_seconds", a -> a.put("timeout_seconds", 30)),
        edit("system_prompt", a -> a.put("system_prompt", "You review code.")),
        edit("capabilities", a -> a.put("capabilities", new JsonArray().add("other"))),
        edit("name", a -> a.put("name", "renamed")),
        edit("type", a -> a.put("type", "testing")),
        edit("model_type", a -> a.put("model_type", "coding")),
        edit("model", a -> a.put("model", "llama3.2:1b")),
        edit("options", a -> a.put("options", new JsonObject().put("temperature", 0.1))),
        edit("class and jar", a -> a.put("class", "com.example.Reviewer").put("jar", "reviewer.jar")));
  }

  private static Arguments edit(String field, UnaryOperator<JsonObject> edit) {
    return Arguments.of(field, edit);
  }

  /** Verifies that a difference in any one field makes the agent changed, and carries the new definition. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void anyFieldThatDiffersChangesTheAgent(String field, UnaryOperator<JsonObject> edit) {
    AgentCatalogue running = catalogue(agent("ag-001"), agent("ag-002"));
    AgentCatalogue loaded = catalogue(agent("ag-001"), edit.apply(agent("ag-002")));

    CatalogueChange change = CatalogueChange.between(running, NO_JARS, loaded, NO_JARS);

    assertThat(change.changed()).containsExactly(loaded.byId("ag-002").orElseThrow());
    assertThat(change.added()).isEmpty();
    assertThat(change.removed()).isEmpty();
  }

  /** Verifies that options count by value: the same options in another key order are no change, another value is. */
  @Test
  void optionsCompareByValue() {
    AgentCatalogue running = catalogue(agent("ag-001").put("options",
        new JsonObject().put("temperature", 0.2).put("num_ctx", 4096)));
    AgentCatalogue reordered = catalogue(agent("ag-001").put("options",
        new JsonObject().put("num_ctx", 4096).put("temperature", 0.2)));
    AgentCatalogue warmer = catalogue(agent("ag-001").put("options",
        new JsonObject().put("num_ctx", 4096).put("temperature", 0.7)));

    assertThat(CatalogueChange.between(running, NO_JARS, reordered, NO_JARS).isEmpty()).isTrue();
    assertThat(CatalogueChange.between(running, NO_JARS, warmer, NO_JARS).changed())
        .extracting(AgentDefinition::id).containsExactly("ag-001");
  }

  /** Verifies that the same agents with the same fields are no change. */
  @Test
  void sameCatalogueIsNoChange() {
    CatalogueChange change = CatalogueChange.between(catalogue(agent("ag-001"), agent("ag-002")), NO_JARS,
        catalogue(agent("ag-001"), agent("ag-002")), NO_JARS);

    assertThat(change.isEmpty()).isTrue();
    assertThat(change).hasToString("added [], removed [], changed []");
  }

  /** Verifies that listing the same agents in another order is no change. */
  @Test
  void reorderedFileIsNoChange() {
    AgentCatalogue running = catalogue(agent("ag-001"), agent("ag-002"), agent("ag-003"));
    AgentCatalogue loaded = catalogue(agent("ag-003"), agent("ag-001"), agent("ag-002"));

    assertThat(CatalogueChange.between(running, NO_JARS, loaded, NO_JARS).isEmpty()).isTrue();
  }

  /** Verifies that a jar replaced under the same name changes exactly the agents naming it. */
  @Test
  void replacedJarChangesTheAgentsNamingIt() {
    AgentCatalogue agents = catalogue(plugin("ag-001", "reviewer.jar"), plugin("ag-002", "reviewer.jar"),
        plugin("ag-003", "planner.jar"), agent("ag-004"));
    PluginJars before = new PluginJars(Map.of("reviewer.jar", new PluginJars.Fingerprint(1000, 5000),
        "planner.jar", new PluginJars.Fingerprint(2000, 5000)));
    PluginJars after = new PluginJars(Map.of("reviewer.jar", new PluginJars.Fingerprint(1000, 9000),
        "planner.jar", new PluginJars.Fingerprint(2000, 5000)));

    CatalogueChange change = CatalogueChange.between(agents, before, agents, after);

    assertThat(change.changed()).extracting(AgentDefinition::id).containsExactly("ag-001", "ag-002");
    assertThat(change.added()).isEmpty();
    assertThat(change.removed()).isEmpty();
  }

  /** Verifies that a jar appearing where an agent named a missing one changes that agent. */
  @Test
  void jarThatAppearsChangesTheAgentNamingIt() {
    AgentCatalogue agents = catalogue(plugin("ag-001", "reviewer.jar"));
    PluginJars after = new PluginJars(Map.of("reviewer.jar", new PluginJars.Fingerprint(1000, 5000)));

    assertThat(CatalogueChange.between(agents, NO_JARS, agents, after).changed())
        .extracting(AgentDefinition::id).containsExactly("ag-001");
  }

  private static JsonObject plugin(String id, String jar) {
    return agent(id).put("class", "com.example.Agent" + id.replace("-", "")).put("jar", jar);
  }
}
