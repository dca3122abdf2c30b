package ai.sutazai.storage.task;

import java.util.List;

/** A task as it is now and the status changes recorded for it after a given event, oldest first. */
public record TaskHistory(Task task, List<TaskEvent> events) {

  public TaskHistory {
    events = List.copyOf(events);
  }
}
