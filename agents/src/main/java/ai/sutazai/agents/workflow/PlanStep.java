package ai.sutazai.agents.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One step of a workflow plan: what to do, the capability (task type) of the agent that does it, and
 * the steps whose results it needs first.
 *
 * @param dependsOn ids of steps of the same plan, empty for a step that can start at once
 */
public record PlanStep(String id, String instruction, String capability, List<String> dependsOn) {

  public PlanStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(instruction, "instruction");
    Objects.requireNonNull(capability, "capability");
    dependsOn = List.copyOf(dependsOn);
  }

  /** The step a plan entry describes; the entry must already follow the plan's schema. */
  static PlanStep fromJson(JsonObject json) {
    return new PlanStep(json.getString("id"), json.getString("instruction"), json.getString("capability"),
        json.getJsonArray("depends_on", new JsonArray()).stream().map(String::valueOf).toList());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("instruction", instruction)
        .put("capability", capability)
        .put("depends_on", new JsonArray(dependsOn));
  }
}
