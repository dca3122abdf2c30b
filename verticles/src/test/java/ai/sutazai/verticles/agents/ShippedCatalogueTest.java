package ai.sutazai.verticles.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The catalogue SutazAI ships: the seed's 69 agents, each one distinct, and its copy in the jar. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShippedCatalogueTest {

  private static final Path CONF_FILE = Path.of("..", "conf", "agents.json");

  private final AgentCatalogue catalogue = AgentCatalogueLoader.shipped();

  /** Verifies that the catalogue in the jar is byte for byte the repository's conf/agents.json. */
  @Test
  void builtInCopyEqualsConfFile() throws IOException {
    assertThat(AgentCatalogueLoader.shippedText()).isEqualTo(Files.readString(CONF_FILE));
  }

  /** Verifies that the file has the 69 agents ag-001..ag-069 in the nine families with the seed's counts. */
  @Test
  void holdsSixtyNineAgentsInNineFamilies() {
    assertThat(catalogue.agents()).extracting(AgentDefinition::id)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 69).mapToObj(i -> String.format("ag-%03d", i)).toList());
    Map<AgentFamily, Integer> counts = new EnumMap<>(AgentFamily.class);
    Arrays.stream(AgentFamily.values()).forEach(f -> counts.put(f, catalogue.inFamily(f).size()));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
        AgentFamily.ORCHESTRATION, 5, AgentFamily.DEVELOPMENT, 15, AgentFamily.AI_ML, 8,
        AgentFamily.TESTING, 6, AgentFamily.INFRASTRUCTURE, 10, AgentFamily.SECURITY, 4,
        AgentFamily.DATA, 8, AgentFamily.OPTIMIZATION, 8, AgentFamily.SPECIALIZED, 5));
  }

  /** Verifies that ag-001 is the coordinator the seed describes. */
  @Test
  void coordinatorIsAsTheSeedDescribesIt() {
    AgentDefinition coordinator = catalogue.byId("ag-001").orElseThrow();

    assertThat(coordinator.name()).isEqualTo("agentzero-coordinator");
    assertThat(coordinator.type()).isEqualTo(AgentFamily.ORCHESTRATION);
    assertThat(coordinator.capabilities())
        .containsExactly("task_routing", "agent_coordination", "workflow_management", "workflow_plan",
            "workflow_combine");
    assertThat(coordinator.modelType()).isEqualTo(ModelType.REASONING);
    assertThat(coordinator.maxConcurrentTasks()).isEqualTo(10);
    assertThat(coordinator.timeoutSeconds()).isEqualTo(300);
  }

  /** Verifies that ag-007 is the senior backend developer the seed describes. */
  @Test
  void seniorBackendDeveloperIsAsTheSeedDescribesIt() {
    AgentDefinition backend = catalogue.byName("senior-backend-developer").orElseThrow();

    assertThat(backend.id()).isEqualTo("ag-007");
    assertThat(backend.type()).isEqualTo(AgentFamily.DEVELOPMENT);
    assertThat(backend.capabilities()).containsExactly("api_design", "code_review", "optimization",
        "architecture", "database_optimization", "microservices");
    assertThat(backend.modelType()).isEqualTo(ModelType.CODING);
  }

  /** Verifies that no two agents share a prompt, not even with the agent's name swapped out, nor a capability set. */
  @Test
  void noTwoAgentsAreCopiesWithTheNameChanged() {
    Set<String> prompts = new HashSet<>();
    Set<Set<String>> capabilitySets = new HashSet<>();
    for (AgentDefinition agent : catalogue.agents()) {
      assertThat(prompts.add(withoutName(agent))).as("prompt of %s", agent.id()).isTrue();
      assertThat(capabilitySets.add(Set.copyOf(agent.capabilities()))).as("capabilities of %s", agent.id()).isTrue();
    }
  }

  /** Verifies that prompts are written one by one: no two share more than half of their words. */
  @Test
  void promptsShareFewWords() {
    List<AgentDefinition> agents = catalogue.agents();
    for (int i = 0; i < agents.size(); i++) {
      for (int j = i + 1; j < agents.size(); j++) {
        assertThat(overlap(words(agents.get(i)), words(agents.get(j))))
            .as("word overlap of %s and %s", agents.get(i).name(), agents.get(j).name())
            .isLessThan(0.5);
      }
    }
  }

  /** Verifies that every prompt is a few sentences that say who the agent is and what it gives back. */
  @Test
  void everyPromptIsAFewSentences() {
    for (AgentDefinition agent : catalogue.agents()) {
      assertThat(agent.systemPrompt().split("(?<=[.!?])\\s+")).as("sentences of %s", agent.id()).hasSizeBetween(3, 6);
      assertThat(agent.systemPrompt().length()).as("prompt of %s", agent.id()).isBetween(200, 800);
    }
  }

  /** Verifies that every capability leads to the agents that list it, and every agent is found by each of its own. */
  @Test
  void everyCapabilityIsReachable() {
    Map<String, Set<String>> listedBy = new HashMap<>();
    catalogue.agents().forEach(a -> a.capabilities()
        .forEach(c -> listedBy.computeIfAbsent(c, k -> new HashSet<>()).add(a.id())));

    assertThat(catalogue.capabilities()).containsExactlyInAnyOrderElementsOf(listedBy.keySet());
    listedBy.forEach((capability, ids) -> assertThat(catalogue.byCapability(capability))
        .as("agents taking %s", capability).allSatisfy(a -> assertThat(a.can(capability)).isTrue())
        .extracting(AgentDefinition::id).containsExactlyInAnyOrderElementsOf(ids));
    assertThat(catalogue.byCapability("no_such_task")).isEmpty();
  }

  /** Verifies that the catalogue written back out is the file it was read from. */
  @Test
  void writesBackTheFileItWasReadFrom() throws IOException {
    assertThat(catalogue.toJson()).isEqualTo(new JsonObject(Files.readString(CONF_FILE)));
  }

  /** Verifies that the schema's families and model types are the ones the code knows. */
  @Test
  void schemaAndCodeNameTheSameFamiliesAndModelTypes() {
    JsonObject agent = CatalogueSchema.INSTANCE.document().getJsonObject("$defs").getJsonObject("agent")
        .getJsonObject("properties");

    assertThat(strings(agent.getJsonObject("type").getJsonArray("enum")))
        .containsExactlyElementsOf(Arrays.stream(AgentFamily.values()).map(AgentFamily::id).toList());
    assertThat(strings(agent.getJsonObject("model_type").getJsonArray("enum")))
        .containsExactlyElementsOf(Arrays.stream(ModelType.values()).map(ModelType::id).toList());
  }

  private static String withoutName(AgentDefinition agent) {
    String spaced = agent.name().replace('-', ' ');
    return agent.systemPrompt().toLowerCase(Locale.ROOT).replace(agent.name(), "<agent>").replace(spaced, "<agent>");
  }

  private static Set<String> words(AgentDefinition agent) {
    return Arrays.stream(withoutName(agent).split("[^a-z0-9]+")).filter(w -> w.length() > 3).collect(Collectors.toSet());
  }

  private static double overlap(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return (double) a.stream().filter(b::contains).count() / union.size();
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
