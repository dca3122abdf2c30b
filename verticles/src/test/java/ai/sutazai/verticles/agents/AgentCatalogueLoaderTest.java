package ai.sutazai.verticles.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parsing catalogues: defaults, and every refusal naming the agent, the field and the rule. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentCatalogueLoaderTest {

  /** Verifies that an agent giving only the required fields gets the documented defaults. */
  @Test
  void fieldsLeftOutTakeTheirDefaults() {
    AgentCatalogue catalogue = AgentCatalogueLoader.parse(catalogue(agent("ag-001", "writer")).encode())
        .orElseThrow("test");
    AgentDefinition writer = catalogue.byId("ag-001").orElseThrow();

    assertThat(writer.modelType()).isEqualTo(ModelType.DEFAULT);
    assertThat(writer.model()).isNull();
    assertThat(writer.instances()).isEqualTo(1);
    assertThat(writer.maxConcurrentTasks()).isEqualTo(1);
    assertThat(writer.timeoutSeconds()).isEqualTo(120);
    assertThat(writer.options()).isEqualTo(new JsonObject());
    assertThat(writer.hasPlugin()).isFalse();
    assertThat(writer.modelIn(new JsonObject())).isEqualTo("tinyllama:latest");
    assertThat(writer.modelIn(new JsonObject().put("models", new JsonObject().put("default", "llama3.2:1b"))))
        .isEqualTo("llama3.2:1b");
  }

  /** Verifies that an agent may name a concrete model and its own plugin code instead of the generic agent. */
  @Test
  void acceptsAConcreteModelAndAPlugin() {
    JsonObject plugin = agent("ag-002", "reviewer").put("model", "llama3.2:1b")
        .put("class", "com.example.ReviewAgent").put("jar", "review-agent-1.0.jar")
        .put("options", new JsonObject().put("temperature", 0.1).put("num_ctx", 4096).put("stop", new JsonArray().add("END")));
    AgentDefinition reviewer = AgentCatalogueLoader.parse(catalogue(plugin).encode()).orElseThrow("test")
        .byId("ag-002").orElseThrow();

    assertThat(reviewer.model()).isEqualTo("llama3.2:1b");
    assertThat(reviewer.modelIn(new JsonObject())).isEqualTo("llama3.2:1b");
    assertThat(reviewer.modelType()).isNull();
    assertThat(reviewer.pluginClass()).isEqualTo("com.example.ReviewAgent");
    assertThat(reviewer.pluginJar()).isEqualTo("review-agent-1.0.jar");
    assertThat(reviewer.options().getInteger("num_ctx")).isEqualTo(4096);
    assertThat(reviewer.toJson()).isEqualTo(plugin.copy().put("instances", 1).put("max_concurrent_tasks", 1)
        .put("timeout_seconds", 120));
  }

  /** Verifies that a field the format does not know is an error, not silently ignored. */
  @Test
  void refusesAnUnknownField() {
    assertOnlyError(catalogue(agent("ag-001", "a"), agent("ag-002", "b").put("colour", "blue")),
        "ag-002", "/agents/1/colour", "is not a known field");
  }

  /** Verifies that an unknown generation option and an unknown top-level field are errors too. */
  @Test
  void refusesUnknownOptionsAndTopLevelFields() {
    JsonObject typo = agent("ag-001", "a").put("options", new JsonObject().put("temprature", 0.5));
    assertOnlyError(catalogue(typo), "ag-001", "/agents/0/options/temprature", "is not a known field");
    assertOnlyError(catalogue(agent("ag-001", "a")).put("version", 2), null, "/version", "is not a known field");
  }

  /** Verifies that a value of the wrong type is named with the rule and the value found. */
  @Test
  void refusesAWrongType() {
    assertOnlyError(catalogue(agent("ag-001", "a"), agent("ag-002", "b").put("instances", "two")),
        "ag-002", "/agents/1/instances", "must be a whole number from 1 to 64, got \"two\"");
    assertOnlyError(catalogue(agent("ag-001", "a").put("capabilities", "code_review")),
        "ag-001", "/agents/0/capabilities",
        "must be a non-empty array of snake_case task types such as code_review, got \"code_review\"");
  }

  /** Verifies that a number outside its range is refused with the range. */
  @Test
  void refusesAValueOutOfRange() {
    assertOnlyError(catalogue(agent("ag-001", "a").put("timeout_seconds", 0)),
        "ag-001", "/agents/0/timeout_seconds", "must be a whole number of seconds from 1 to 86400, got 0");
    assertOnlyError(catalogue(agent("ag-001", "a").put("options", new JsonObject().put("temperature", 3))),
        "ag-001", "/agents/0/options/temperature", "must be a number from 0 to 2, got 3");
  }

  /** Verifies that a model_type outside the four kinds is refused naming them. */
  @Test
  void refusesAnUnknownModelType() {
    assertOnlyError(catalogue(agent("ag-001", "a").put("model_type", "fast")),
        "ag-001", "/agents/0/model_type", "must be one of default, reasoning, coding, analysis, got \"fast\"");
  }

  /** Verifies that a missing required field is named by its pointer; an agent without an id is named by index. */
  @Test
  void refusesAMissingField() {
    JsonObject noPrompt = agent("ag-001", "a");
    noPrompt.remove("system_prompt");
    assertOnlyError(catalogue(noPrompt), "ag-001", "/agents/0/system_prompt", "is required");

    JsonObject noId = agent("ag-002", "b");
    noId.remove("id");
    assertOnlyError(catalogue(agent("ag-001", "a"), noId), "at index 1", "/agents/1/id", "is required");
  }

  /** Verifies that two agents with one id are refused at the second, naming the first. */
  @Test
  void refusesADuplicateId() {
    assertOnlyError(catalogue(agent("ag-001", "a"), agent("ag-001", "b")),
        "ag-001", "/agents/1/id", "must be unique, but ag-001 is also the id of the agent at /agents/0");
  }

  /** Verifies that two agents with one name are refused at the second, naming the first. */
  @Test
  void refusesADuplicateName() {
    assertOnlyError(catalogue(agent("ag-001", "writer"), agent("ag-002", "reader"), agent("ag-003", "writer")),
        "ag-003", "/agents/2/name", "must be unique, but writer is also the name of the agent at /agents/0");
  }

  /** Verifies that plugin code needs both its class and its jar. */
  @Test
  void refusesClassWithoutJarAndTheReverse() {
    assertOnlyError(catalogue(agent("ag-001", "a").put("class", "com.example.Agent")),
        "ag-001", "/agents/0/class", "needs jar, the file under plugins.dir that holds the class, set beside it");
    assertOnlyError(catalogue(agent("ag-001", "a").put("jar", "agent.jar")),
        "ag-001", "/agents/0/jar", "needs class, the agent class in the jar to run, set beside it");
  }

  /** Verifies that a plugin jar must be a plain file name inside plugins.dir. */
  @Test
  void refusesAJarOutsideThePluginsDirectory() {
    assertOnlyError(catalogue(agent("ag-001", "a").put("class", "com.example.Agent").put("jar", "../agent.jar")),
        "ag-001", "/agents/0/jar",
        "must be a jar file name under plugins.dir such as my-agent-1.0.jar (no directories), got \"../agent.jar\"");
  }

  /** Verifies that an agent names a model or a model type, not both. */
  @Test
  void refusesModelTogetherWithModelType() {
    assertOnlyError(catalogue(agent("ag-001", "a").put("model", "llama3.2:1b").put("model_type", "coding")),
        "ag-001", "/agents/0/model", "cannot be set together with model_type: name either a model or a model type");
  }

  /** Verifies that capabilities must be snake_case task types, each listed once. */
  @Test
  void refusesBadCapabilityNames() {
    assertOnlyError(catalogue(agent("ag-001", "a").put("capabilities", new JsonArray().add("review").add("Code-Review"))),
        "ag-001", "/agents/0/capabilities/1",
        "must be a snake_case task type of at most 64 characters such as code_review, got \"Code-Review\"");
    assertOnlyError(catalogue(agent("ag-001", "a").put("capabilities", new JsonArray().add("review").add("review"))),
        "ag-001", "/agents/0/capabilities/1", "repeats the capability review listed before it");
    assertOnlyError(catalogue(agent("ag-001", "a").put("capabilities", new JsonArray())),
        "ag-001", "/agents/0/capabilities",
        "must be a non-empty array of snake_case task types such as code_review, got an array of 0");
  }

  /** Verifies that malformed JSON is reported at the agent and field the reader reached, with line and column, in plain words. */
  @Test
  void refusesMalformedJson() {
    String text = """
        {"agents": [
          {"id": "ag-001", "name": "a", "type": "data", "capabilities": ["x"], "system_prompt": "p"},
          {"id": "ag-002", "name": "b", "type": "data" "capabilities": ["y"], "system_prompt": "p"}
        ]}
        """;
    assertOnlyError(text, "ag-002", "/agents/1/type", "is not valid JSON: unexpected '\"' at line 3, column 48");
  }

  /** Verifies that text cut short, empty text, trailing content and a repeated key are refused clearly. */
  @Test
  void refusesTruncatedEmptyAndAmbiguousText() {
    assertOnlyError("{\"agents\": [{\"id\": \"ag-001\", \"name\": \"a\"", "ag-001", "/agents/0/name",
        "is not valid JSON: the text ends before the JSON is complete, at line 1, column 41");
    assertOnlyError("  \n", null, "", "is empty: it must be a JSON object with the field agents");
    assertOnlyError("{\"agents\": []} []", null, "", "has more content after its JSON value, at line 1, column 16");
    assertOnlyError("{\"agents\": [{\"id\": \"ag-001\", \"name\": \"a\", \"name\": \"b\"}]}", "ag-001", "/agents/0/name",
        "appears twice in the same object");
  }

  /** Verifies that a file that is JSON but not an object with agents is refused. */
  @Test
  void refusesAnythingButAnObjectWithAgents() {
    assertOnlyError("[]", null, "", "must be a JSON object with the field agents, got an array of 0");
    assertOnlyError("{}", null, "/agents", "is required");
  }

  /** Verifies that every error of a file is reported at once, in the order of the agents, and none leaks parser internals. */
  @Test
  void reportsEveryErrorAtOnce() {
    JsonObject file = catalogue(agent("ag-001", "a").put("instances", 0), agent("ag-002", "a"),
        agent("ag-003", "c").put("class", "x.Y"));
    file.put("comment", "x");
    List<AgentConfigError> errors = AgentCatalogueLoader.parse(file.encode()).errors();

    assertThat(errors).extracting(AgentConfigError::field)
        .containsExactly("/comment", "/agents/0/instances", "/agents/1/name", "/agents/2/class");
    assertThat(errors.get(0).detail()).isEqualTo("/comment is not a known field");
    assertThat(errors.get(1).detail())
        .isEqualTo("agent ag-001: /agents/0/instances must be a whole number from 1 to 64, got 0");
    for (String text : List.of(file.encode(), "{\"agents\": [}", "{\"agents\": [{\"id\": \"ag-001\" 1}]}", "nul")) {
      assertThat(AgentCatalogueLoader.parse(text).errors()).isNotEmpty().allSatisfy(noParserInternals());
    }
  }

  /** Verifies that a refused catalogue throws all its errors when asked for the catalogue anyway. */
  @Test
  void refusedCatalogueThrowsItsErrors() {
    AgentCatalogueResult result = AgentCatalogueLoader.parse(catalogue(agent("ag-001", "a"), agent("ag-001", "b")).encode());

    assertThat(result.isValid()).isFalse();
    assertThatThrownBy(() -> result.orElseThrow("conf/agents.json"))
        .isInstanceOf(InvalidAgentCatalogueException.class)
        .hasMessage("conf/agents.json is not a valid agent catalogue: agent ag-001: /agents/1/id must be unique, "
            + "but ag-001 is also the id of the agent at /agents/0")
        .satisfies(e -> assertThat(((InvalidAgentCatalogueException) e).errors()).hasSize(1));
  }

  /** Verifies that every rule of the schema is worded, so no violation falls back to the validator's own text. */
  @Test
  void everyRuleOfTheSchemaIsWorded() {
    assertWorded(CatalogueSchema.INSTANCE.document(), "");
  }

  private static void assertWorded(JsonObject schema, String pointer) {
    if (schema.containsKey("type") || schema.containsKey("enum")) {
      assertThat(schema.getString("description")).as("description at %s", pointer).isNotBlank();
    }
    for (String nested : List.of("properties", "$defs")) {
      JsonObject schemas = schema.getJsonObject(nested, new JsonObject());
      schemas.fieldNames().forEach(name -> assertWorded(schemas.getJsonObject(name), pointer + "/" + nested + "/" + name));
    }
    if (schema.getValue("items") instanceof JsonObject items) {
      assertWorded(items, pointer + "/items");
    }
  }

  private static Consumer<AgentConfigError> noParserInternals() {
    return error -> assertThat(error.detail()).doesNotContainIgnoringCase("jackson")
        .doesNotContain("Source:", "code 1", "Exception", "token", "$defs", "https://");
  }

  private static void assertOnlyError(JsonObject file, String agent, String field, String rule) {
    assertOnlyError(file.encode(), agent, field, rule);
  }

  private static void assertOnlyError(String text, String agent, String field, String rule) {
    AgentCatalogueResult result = AgentCatalogueLoader.parse(text);

    assertThat(result.errors()).containsExactly(new AgentConfigError(agent, field, rule));
    assertThat(result.catalogue()).isNull();
  }

  private static JsonObject catalogue(JsonObject... agents) {
    return new JsonObject().put("agents", new JsonArray(List.of((Object[]) agents)));
  }

  private static JsonObject agent(String id, String name) {
    return new JsonObject().put("id", id).put("name", name).put("type", "development")
        .put("capabilities", new JsonArray().add("task_" + name.replace('-', '_')))
        .put("system_prompt", "You are the test agent " + name + ".");
  }
}
