package ai.sutazai.storage.task;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Tasks, their events and recorded changes as the rows of {@link TaskSql}'s statements hold them. */
final class TaskRows {

  private TaskRows() {
  }

  static RecordedChange recorded(Row row) {
    return new RecordedChange(toTask(row), row.getLong("event_id"));
  }

  static List<Task> toTasks(RowSet<Row> rows) {
    List<Task> tasks = new ArrayList<>(rows.size());
    rows.forEach(row -> tasks.add(toTask(row)));
    return tasks;
  }

  static Task toTask(Row row) {
    UUID[] dependsOn = row.getArrayOfUUIDs("depends_on");
    return new Task(row.getUUID("id"), row.getString("owner"), row.getString("type"), object(row, "payload"),
      row.getInteger("priority"), row.getString("agent_id"), status(row.getString("status")),
      row.getInteger("attempts"), object(row, "result"), row.getString("error"), row.getUUID("parent_id"),
      row.getUUID("workflow_id"), dependsOn == null ? List.of() : Arrays.asList(dependsOn),
      row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("started_at"),
      row.getOffsetDateTime("completed_at"), row.getOffsetDateTime("published_at"),
      row.getOffsetDateTime("cancel_requested_at"));
  }

  static TaskEvent toEvent(Row row) {
    JsonObject detail = object(row, "detail");
    return new TaskEvent(row.getLong("id"), row.getUUID("task_id"), status(row.getString("status")),
      row.getOffsetDateTime("at"), detail == null ? new JsonObject() : detail);
  }

  static JsonObject object(Row row, String column) {
    return row.getValue(column) instanceof JsonObject json ? json : null;
  }

  static TaskStatus status(String stored) {
    return TaskStatus.fromWire(stored)
      .orElseThrow(() -> new IllegalStateException("tasks hold an unknown status '" + stored + "'"));
  }
}
