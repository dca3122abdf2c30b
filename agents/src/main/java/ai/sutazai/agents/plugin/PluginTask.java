package ai.sutazai.agents.plugin;

import io.vertx.core.json.JsonObject;

/**
 * A task as a plugin sees it.
 *
 * @param inputs the results of the tasks it depends on: each task id to {@code {"type", "result"}}
 * @param agent  the definition of the agent running it, in the catalogue's format
 */
public record PluginTask(String type, JsonObject payload, JsonObject inputs, JsonObject agent) {
}
