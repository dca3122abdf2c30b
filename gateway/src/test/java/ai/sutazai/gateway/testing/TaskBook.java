package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The tasks of {@link FakeStorage} and their recorded status changes, served as the task addresses of the storage
 * contract say: 404 for an unknown id or another owner's task, pages newest first with a cursor that is the
 * position after the previous page, cancel by status (409 for a finished task), events after an id.
 */
final class TaskBook {

  static final Set<String> FINAL = Set.of("completed", "failed", "dead", "cancelled");

  private final Map<String, JsonObject> tasks = new LinkedHashMap<>();
  private final Map<String, List<JsonObject>> events = new LinkedHashMap<>();
  private long lastEventId;

  synchronized JsonObject create(JsonObject request) {
    String id = UUID.randomUUID().toString();
    String now = Instant.now().toString();
    JsonObject task = new JsonObject().put("id", id).put("owner", request.getString("owner"))
        .put("type", request.getString("type")).put("payload", request.getJsonObject("payload", new JsonObject()))
        .put("priority", request.getInteger("priority", 5)).put("agent", request.getString("agent"))
        .put("status", "pending").put("attempts", 0).put("result", null).put("error", null)
        .put("cancel_requested", false).put("created_at", now).put("updated_at", now);
    tasks.put(id, task);
    events.put(id, new ArrayList<>());
    record(task, null);
    return task.copy();
  }

  synchronized JsonObject get(JsonObject request) {
    return owned(request).copy();
  }

  synchronized JsonObject list(JsonObject request) {
    int limit = StorageContract.limit(request);
    List<JsonObject> matching = new ArrayList<>();
    List<JsonObject> all = new ArrayList<>(tasks.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      JsonObject task = all.get(i);
      if (task.getString("owner").equals(request.getString("owner")) && matches(request, task, "status")
          && matches(request, task, "agent")) {
        matching.add(task.copy());
      }
    }
    String cursor = request.getString("cursor");
    int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
    int to = Math.min(matching.size(), from + limit);
    return new JsonObject().put("tasks", new JsonArray(matching.subList(Math.min(from, to), to)))
        .put("next_cursor", to < matching.size() ? "p" + to : null);
  }

  synchronized JsonObject cancel(JsonObject request) {
    JsonObject task = owned(request);
    String status = task.getString("status");
    if (status.equals("cancelled")) {
      return new JsonObject().put("outcome", "cancelled").put("changed", false).put("task", task.copy());
    }
    if (FINAL.contains(status)) {
      throw new StorageContract.Refusal(ProblemType.CONFLICT.problem("task " + task.getString("id") + " is "
          + status + " and can no longer be cancelled"));
    }
    if (status.equals("running")) {
      task.put("cancel_requested", true);
      return new JsonObject().put("outcome", "cancel_requested").put("changed", true).put("task", task.copy());
    }
    task.put("status", "cancelled");
    record(task, null);
    return new JsonObject().put("outcome", "cancelled").put("changed", true).put("task", task.copy());
  }

  synchronized JsonObject events(JsonObject request) {
    JsonObject task = owned(request);
    long after = request.getLong("after", 0L);
    int limit = request.getInteger("limit", 200);
    JsonArray page = new JsonArray();
    events.get(task.getString("id")).stream().filter(e -> e.getLong("id") > after).limit(limit)
        .forEach(e -> page.add(e.copy()));
    return new JsonObject().put("status", task.getString("status"))
        .put("final", FINAL.contains(task.getString("status"))).put("events", page);
  }

  /** Moves a task to {@code status} and records it; returns the change as TASK_CHANGES publishes it. */
  synchronized JsonObject transition(String id, String status) {
    JsonObject task = tasks.get(id);
    task.put("status", status).put("updated_at", Instant.now().toString());
    return record(task, new JsonObject().put("by", "test"));
  }

  synchronized List<JsonObject> eventsOf(String id) {
    return events.get(id).stream().map(JsonObject::copy).toList();
  }

  private JsonObject record(JsonObject task, JsonObject detail) {
    JsonObject event = new JsonObject().put("id", ++lastEventId).put("task_id", task.getString("id"))
        .put("status", task.getString("status")).put("at", Instant.now().toString()).put("detail", detail);
    events.get(task.getString("id")).add(event);
    return new JsonObject().put("task_id", task.getString("id")).put("status", task.getString("status"))
        .put("agent", task.getString("agent")).put("type", task.getString("type"))
        .put("owner", task.getString("owner")).put("workflow", null).put("attempts", task.getInteger("attempts"))
        .put("error", null).put("cancel_requested", task.getBoolean("cancel_requested"))
        .put("event_id", event.getLong("id")).put("at", event.getString("at"));
  }

  private JsonObject owned(JsonObject request) {
    String id = StorageContract.id(request);
    JsonObject task = tasks.get(id);
    if (task == null || !task.getString("owner").equals(request.getString("owner"))) {
      throw new StorageContract.Refusal(ProblemType.NOT_FOUND.problem("task " + id + " does not exist"));
    }
    return task;
  }

  private static boolean matches(JsonObject request, JsonObject task, String field) {
    String wanted = request.getString(field);
    return wanted == null || wanted.equals(task.getString(field));
  }
}
