package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One agent of the catalogue as {@code conf/agents.json} describes it. An agent names either a
 * {@code modelType} (resolved through the {@code models.*} settings) or a concrete {@code model};
 * {@code pluginClass} and {@code pluginJar} are both set for an agent with its own code, both null
 * for the many agents the generic prompt agent serves.
 *
 * @param modelType null when {@code model} is set
 * @param model     null when the agent names a {@code modelType}
 * @param options   Ollama generation options (temperature, num_ctx, ...), empty when none are set
 */
public record AgentDefinition(String id, String name, AgentFamily type, List<String> capabilities,
    ModelType modelType, String model, String systemPrompt, int instances, int maxConcurrentTasks,
    int timeoutSeconds, JsonObject options, String pluginClass, String pluginJar) {

  public static final int DEFAULT_INSTANCES = 1;
  public static final int DEFAULT_MAX_CONCURRENT_TASKS = 1;
  public static final int DEFAULT_TIMEOUT_SECONDS = 120;

  public AgentDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    if ((modelType == null) == (model == null)) {
      throw new IllegalArgumentException("agent " + id + " needs exactly one of modelType and model");
    }
    if ((pluginClass == null) != (pluginJar == null)) {
      throw new IllegalArgumentException("agent " + id + " needs both pluginClass and pluginJar, or neither");
    }
    capabilities = List.copyOf(capabilities);
    options = options == null ? new JsonObject() : options.copy();
  }

  /**
   * The agent an entry of the catalogue describes, with the defaults for fields it leaves out.
   * The entry must already follow the catalogue's schema and rules ({@link AgentCatalogueLoader} checks them).
   */
  static AgentDefinition fromJson(JsonObject json) {
    String model = json.getString("model");
    ModelType modelType = model != null ? null
        : ModelType.fromId(json.getString("model_type", ModelType.DEFAULT.id())).orElseThrow();
    return new AgentDefinition(json.getString("id"), json.getString("name"),
        AgentFamily.fromId(json.getString("type")).orElseThrow(),
        json.getJsonArray("capabilities").stream().map(String::valueOf).toList(),
        modelType, model, json.getString("system_prompt"),
        json.getInteger("instances", DEFAULT_INSTANCES),
        json.getInteger("max_concurrent_tasks", DEFAULT_MAX_CONCURRENT_TASKS),
        json.getInteger("timeout_seconds", DEFAULT_TIMEOUT_SECONDS),
        json.getJsonObject("options"), json.getString("class"), json.getString("jar"));
  }

  /** Whether the agent runs its own code from a plugin jar rather than the generic prompt agent. */
  public boolean hasPlugin() {
    return pluginClass != null;
  }

  /** The Ollama model the agent uses: its {@code model}, else the {@code models.*} setting of its model type. */
  public String modelIn(JsonObject config) {
    return model != null ? model : modelType.setting().stringIn(config);
  }

  /** Whether the agent takes tasks of type {@code capability}. */
  public boolean can(String capability) {
    return capabilities.contains(capability);
  }

  /** The agent in the catalogue's format, every field written out (defaults included), in the file's order. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("type", type.id())
        .put("capabilities", new JsonArray(capabilities));
    if (model != null) {
      json.put("model", model);
    } else {
      json.put("model_type", modelType.id());
    }
    json.put("system_prompt", systemPrompt)
        .put("instances", instances)
        .put("max_concurrent_tasks", maxConcurrentTasks)
        .put("timeout_seconds", timeoutSeconds);
    if (!options.isEmpty()) {
      json.put("options", options.copy());
    }
    if (hasPlugin()) {
      json.put("class", pluginClass).put("jar", pluginJar);
    }
    return json;
  }
}
