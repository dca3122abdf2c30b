package ai.sutazai.storage.task;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One status change of a task, as {@code task_events} keeps it. {@code id} grows with every change of every
 * task, so it orders a task's changes and tells a reader where to continue.
 */
public record TaskEvent(long id, UUID taskId, TaskStatus status, OffsetDateTime at, JsonObject detail) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("task_id", taskId.toString())
      .put("status", status.wireName())
      .put("at", at.toString())
      .put("detail", detail);
  }
}
