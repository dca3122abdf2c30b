package ai.sutazai.agents.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's plan for a goal: steps in the order the coordinator listed them, with unique
 * ids, dependencies on steps of the same plan and no cycle. {@link WorkflowPlanReader} builds only
 * plans that hold this; the constructor checks the ids again.
 */
public record WorkflowPlan(List<PlanStep> steps) {

  /** The most steps a plan may have. */
  public static final int MAX_STEPS = 20;

  public WorkflowPlan {
    steps = List.copyOf(steps);
    Map<String, PlanStep> byId = new LinkedHashMap<>();
    for (PlanStep step : steps) {
      if (byId.putIfAbsent(step.id(), step) != null) {
        throw new IllegalArgumentException("two steps have the id " + step.id());
      }
    }
    for (PlanStep step : steps) {
      for (String dependency : step.dependsOn()) {
        if (!byId.containsKey(dependency)) {
          throw new IllegalArgumentException("step " + step.id() + " depends on " + dependency + ", not a step");
        }
      }
    }
  }

  /**
   * The plan {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such a plan
   */
  public static WorkflowPlan fromJson(JsonObject json) {
    try {
      JsonArray steps = json.getJsonArray("steps");
      if (steps == null) {
        throw new IllegalArgumentException("a plan needs its steps");
      }
      List<PlanStep> read = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        read.add(PlanStep.fromJson(steps.getJsonObject(i)));
      }
      return new WorkflowPlan(read);
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a workflow plan: " + e.getMessage(), e);
    }
  }

  public Optional<PlanStep> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The plan in the format the coordinator answers with. */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    steps.forEach(s -> list.add(s.toJson()));
    return new JsonObject().put("steps", list);
  }
}
