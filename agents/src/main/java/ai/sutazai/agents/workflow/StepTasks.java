package ai.sutazai.agents.workflow;

import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a plan into tasks: one per step, routed to the agent that takes its capability and depending on the
 * tasks of the steps it depends on, then the coordinator's combine task depending on every step. Tasks are
 * created one by one, each after those it depends on (storage requires them to exist).
 */
final class StepTasks {

  private final AgentTools tools;
  private final AgentTask planTask;
  private final String goal;

  StepTasks(AgentTools tools, AgentTask planTask, String goal) {
    this.tools = tools;
    this.planTask = planTask;
    this.goal = goal;
  }

  /** Creates the tasks of {@code plan}; the plan task's result {@code {"plan", "steps", "combine_task"}}. */
  Future<JsonObject> create(WorkflowPlan plan) {
    Map<String, String> taskIds = new LinkedHashMap<>();
    plan.steps().forEach(step -> taskIds.put(step.id(), UUID.randomUUID().toString()));
    Future<Void> created = Future.succeededFuture();
    for (PlanStep step : dependenciesFirst(plan)) {
      created = created.compose(v -> createStep(step, taskIds));
    }
    JsonObject steps = new JsonObject();
    taskIds.forEach(steps::put);
    String combineId = UUID.randomUUID().toString();
    return created
        .compose(v -> stillRunning())
        .compose(v -> tools.tasks().create(task(combineId, WorkflowTasks.COMBINE, tools.agent().id(),
            new JsonArray(List.copyOf(taskIds.values())),
            new JsonObject().put("goal", goal).put("plan", plan.toJson()).put("steps", steps.copy()))))
        .map(combine -> new JsonObject().put("plan", plan.toJson()).put("steps", steps).put("combine_task", combineId));
  }

  private Future<Void> createStep(PlanStep step, Map<String, String> taskIds) {
    String id = taskIds.get(step.id());
    JsonArray dependsOn = new JsonArray(step.dependsOn().stream().map(taskIds::get).toList());
    JsonObject payload = new JsonObject().put("goal", goal).put("step", step.id())
        .put("instruction", step.instruction());
    return tools.directory().route(step.capability(), planTask.id())
        .compose(agent -> stillRunning().compose(v -> tools.tasks().create(task(id, step.capability(), agent,
            dependsOn, payload))))
        .mapEmpty();
  }

  /** Fails once the plan's attempt has ended, so that an abandoned attempt creates no more tasks. */
  private Future<Void> stillRunning() {
    return tools.ended().getAsBoolean()
        ? Future.failedFuture(new IllegalStateException("the attempt ended before every task of the plan was created"))
        : Future.succeededFuture();
  }

  private JsonObject task(String id, String type, String agent, JsonArray dependsOn, JsonObject payload) {
    return new JsonObject()
        .put("id", id)
        .put("owner", planTask.owner())
        .put("workflow", planTask.id())
        .put("parent", planTask.id())
        .put("type", type)
        .put("agent", agent)
        .put("priority", planTask.priority())
        .put("depends_on", dependsOn)
        .put("payload", payload);
  }

  /** The plan's steps, each after the steps it depends on, else in plan order. */
  static List<PlanStep> dependenciesFirst(WorkflowPlan plan) {
    List<PlanStep> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (ordered.size() < plan.steps().size()) {
      int before = ordered.size();
      for (PlanStep step : plan.steps()) {
        if (!placed.contains(step.id()) && placed.containsAll(step.dependsOn())) {
          ordered.add(step);
          placed.add(step.id());
        }
      }
      if (ordered.size() == before) {
        throw new IllegalArgumentException("the plan's steps depend on each other in a cycle");
      }
    }
    return ordered;
  }
}
