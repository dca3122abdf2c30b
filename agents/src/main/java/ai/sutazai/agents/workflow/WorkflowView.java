package ai.sutazai.agents.workflow;

import ai.sutazai.agents.runtime.AgentTask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow as {@link ai.sutazai.verticles.agents.AgentAddresses#WORKFLOW_GET} describes it, built from its plan
 * task and the tasks of its workflow: planning until the plan task completes, then running while steps run,
 * combining while the combine task is queued or running, completed with the combine task's answer; failed when the
 * plan task or a step ended failed or dead (the error names the step and its reason), cancelled when one was
 * cancelled.
 */
final class WorkflowView {

  private final JsonObject planTask;
  private final Map<String, JsonObject> tasksById = new HashMap<>();

  private WorkflowView(JsonObject planTask, JsonArray tasks) {
    this.planTask = planTask;
    tasks.forEach(task -> tasksById.put(((JsonObject) task).getString("id"), (JsonObject) task));
    tasksById.put(planTask.getString("id"), planTask);
  }

  static JsonObject of(JsonObject planTask, JsonArray tasks) {
    return new WorkflowView(planTask, tasks).toJson();
  }

  private JsonObject toJson() {
    JsonObject view = new JsonObject()
        .put("id", planTask.getString("id"))
        .put("goal", planTask.getJsonObject("payload", new JsonObject()).getString("goal"))
        .put("plan", null)
        .put("steps", new JsonArray())
        .put("answer", null)
        .put("error", null)
        .put("created_at", planTask.getString("created_at"))
        .put("updated_at", lastUpdate());
    String planStatus = planTask.getString("status");
    switch (planStatus) {
      case "completed" -> withPlan(view);
      case "failed", "dead" -> view.put("status", "failed").put("error", "planning ended " + planStatus + ": "
          + planTask.getString("error"));
      case "cancelled" -> view.put("status", "cancelled").put("error", planTask.getString("error"));
      default -> view.put("status", "planning");
    }
    return view;
  }

  private void withPlan(JsonObject view) {
    JsonObject result = planTask.getJsonObject("result", new JsonObject());
    WorkflowPlan plan = WorkflowPlan.fromJson(result.getJsonObject("plan", new JsonObject()));
    JsonObject stepTasks = result.getJsonObject("steps", new JsonObject());
    PlanSchedule schedule = PlanSchedule.start(plan);
    JsonArray steps = new JsonArray();
    for (PlanStep step : plan.steps()) {
      JsonObject task = tasksById.get(stepTasks.getString(step.id()));
      schedule = schedule.with(step.id(), stateOf(task));
      steps.add(step.toJson()
          .put("task_id", stepTasks.getString(step.id()))
          .put("status", task == null ? StepStatus.WAITING.wireName() : task.getString("status"))
          .put("agent", task == null ? null : task.getString("agent"))
          .put("result", task == null ? null : task.getJsonObject("result"))
          .put("error", task == null ? null : task.getString("error")));
    }
    view.put("plan", plan.toJson()).put("steps", steps);
    Optional<WorkflowFailure> failure = schedule.failure();
    if (failure.isPresent()) {
      view.put("status", failure.get().status() == StepStatus.CANCELLED ? "cancelled" : "failed")
          .put("error", failure.get().detail());
      return;
    }
    JsonObject combine = tasksById.get(result.getString("combine_task"));
    String combineStatus = combine == null ? "pending" : combine.getString("status");
    switch (combineStatus) {
      case "completed" -> view.put("status", "completed")
          .put("answer", AgentTask.textOf(combine.getJsonObject("result")));
      case "failed", "dead" -> view.put("status", "failed")
          .put("error", "combining the results ended " + combineStatus + ": " + combine.getString("error"));
      case "cancelled" -> view.put("status", "cancelled").put("error", combine.getString("error"));
      case "queued", "running" -> view.put("status", "combining");
      default -> view.put("status", "running");
    }
  }

  private static StepState stateOf(JsonObject task) {
    if (task == null) {
      return StepState.WAITING;
    }
    String status = task.getString("status");
    return switch (status) {
      case "completed" -> StepState.completed(AgentTask.textOf(task.getJsonObject("result")));
      case "failed" -> StepState.ended(StepStatus.FAILED, reasonOf(task));
      case "dead" -> StepState.ended(StepStatus.DEAD, reasonOf(task));
      case "cancelled" -> StepState.ended(StepStatus.CANCELLED, reasonOf(task));
      default -> StepState.RUNNING;
    };
  }

  private static String reasonOf(JsonObject task) {
    String error = task.getString("error");
    return error == null ? "no reason was recorded" : error;
  }

  private String lastUpdate() {
    return tasksById.values().stream()
        .map(task -> task.getString("updated_at"))
        .filter(at -> at != null)
        .max((a, b) -> OffsetDateTime.parse(a).compareTo(OffsetDateTime.parse(b)))
        .orElse(planTask.getString("updated_at"));
  }
}
