package ai.sutazai.agents.workflow;

import ai.sutazai.verticles.agents.FieldProblem;
import ai.sutazai.verticles.text.ClosestName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a plan that its JSON schema cannot say: 1 to {@link WorkflowPlan#MAX_STEPS} steps,
 * unique step ids, dependencies on steps that exist, no cycle, and capabilities some agent of the
 * catalogue takes. Fields of the wrong type are left to the schema.
 */
final class PlanRules {

  private PlanRules() {
  }

  static List<FieldProblem> check(JsonObject plan, Set<String> capabilities) {
    if (!(plan.getValue("steps") instanceof JsonArray steps)) {
      return List.of();
    }
    List<FieldProblem> problems = new ArrayList<>();
    if (steps.isEmpty()) {
      problems.add(new FieldProblem("/steps", "must hold at least one step"));
    } else if (steps.size() > WorkflowPlan.MAX_STEPS) {
      problems.add(new FieldProblem("/steps",
          "must hold at most " + WorkflowPlan.MAX_STEPS + " steps, got " + steps.size()));
    }
    Map<String, Integer> indexById = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.getValue(i) instanceof JsonObject step && step.getValue("id") instanceof String id) {
        Integer first = indexById.putIfAbsent(id, i);
        if (first != null) {
          problems.add(new FieldProblem("/steps/" + i + "/id",
              "must be unique, but " + id + " is also the id of the step at /steps/" + first));
        }
      }
    }
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.getValue(i) instanceof JsonObject step) {
        capability(step, i, capabilities, problems);
        List<String> known = dependencies(step, i, indexById, problems);
        if (step.getValue("id") instanceof String id && indexById.get(id) == i) {
          dependencies.put(id, known);
        }
      }
    }
    for (List<String> cycle : DependencyCycles.in(dependencies)) {
      problems.add(new FieldProblem("/steps/" + indexById.get(cycle.get(0)) + "/depends_on",
          "closes the cycle " + String.join(" -> ", cycle) + ": no step of a cycle could ever start"));
    }
    return problems;
  }

  private static void capability(JsonObject step, int index, Set<String> capabilities, List<FieldProblem> problems) {
    if (step.getValue("capability") instanceof String capability && !capabilities.contains(capability)) {
      String closest = ClosestName.nearest(capability, capabilities).map(c -> "; the closest known is " + c)
          .orElse("; the catalogue has no capabilities at all");
      problems.add(new FieldProblem("/steps/" + index + "/capability",
          "names " + capability + ", which no agent of the catalogue takes" + closest));
    }
  }

  /** The dependencies of one step that name steps of the plan; reports the others. */
  private static List<String> dependencies(JsonObject step, int index, Map<String, Integer> indexById,
      List<FieldProblem> problems) {
    if (!(step.getValue("depends_on") instanceof JsonArray dependsOn)) {
      return List.of();
    }
    List<String> known = new ArrayList<>();
    for (int d = 0; d < dependsOn.size(); d++) {
      if (!(dependsOn.getValue(d) instanceof String dependency)) {
        continue;
      }
      if (indexById.containsKey(dependency)) {
        known.add(dependency);
      } else {
        problems.add(new FieldProblem("/steps/" + index + "/depends_on/" + d,
            "names " + dependency + ", which is not the id of any step of the plan"));
      }
    }
    return known;
  }
}
