package ai.sutazai.gateway.system;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The agents and tasks parts of {@code /api/v1/system/status}, from the supervisor's list and storage's status. */
final class StatusSummary {

  private StatusSummary() {
  }

  /**
   * {@code {"total": n, "by_status": {"running": n, ...}}} from the supervisor's LIST reply; {@code {"deployed":
   * false}} without a supervisor, {@code {"error"}} when it did not answer.
   */
  static JsonObject agents(AsyncResult<JsonObject> list) {
    if (list.failed()) {
      Problem problem = Problem.of(list.cause());
      return problem.equals(SystemRoutes.AGENTS_NOT_DEPLOYED) ? new JsonObject().put("deployed", false)
          : new JsonObject().put("error", problem.detail());
    }
    JsonObject byStatus = new JsonObject();
    int total = 0;
    for (Object agent : list.result().getJsonArray("agents", new JsonArray())) {
      if (agent instanceof JsonObject status) {
        String name = status.getString("status", "unknown");
        byStatus.put(name, byStatus.getInteger(name, 0) + 1);
        total++;
      }
    }
    return new JsonObject().put("total", total).put("by_status", byStatus);
  }

  /**
   * {@code {"task_bus": {...}, "counts": {...}}}: storage's task bus status and its task counts by status, each when
   * storage reports it; {@code {"error"}} when storage did not answer.
   */
  static JsonObject tasks(AsyncResult<JsonObject> storage) {
    if (storage.failed()) {
      return new JsonObject().put("error", Problem.of(storage.cause()).detail());
    }
    JsonObject tasks = new JsonObject();
    JsonObject taskBus = storage.result().getJsonObject("task_bus");
    if (taskBus != null) {
      tasks.put("task_bus", taskBus);
    }
    JsonObject counts = storage.result().getJsonObject("tasks");
    if (counts != null) {
      tasks.put("counts", counts);
    }
    return tasks;
  }
}
