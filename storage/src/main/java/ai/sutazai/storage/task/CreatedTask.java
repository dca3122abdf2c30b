package ai.sutazai.storage.task;

import java.util.ArrayList;
import java.util.List;

/**
 * What creating a task recorded: the task stored pending with its first event, and the cancellations the creation
 * made in the same transaction because a task it depends on had already ended failed, dead or cancelled (the new
 * task's own among them).
 */
public record CreatedTask(RecordedChange created, List<RecordedChange> cancelled) {

  public CreatedTask {
    cancelled = List.copyOf(cancelled);
  }

  /** The new task as it is stored now: pending, or cancelled when a dependency had ended. */
  public Task task() {
    Task task = created.task();
    for (RecordedChange change : cancelled) {
      if (change.task().id().equals(task.id())) {
        task = change.task();
      }
    }
    return task;
  }

  /** What the listeners of the task record hear of the creation, in order: the creation, then the cancellations. */
  public List<RecordedChange> recorded() {
    List<RecordedChange> all = new ArrayList<>(cancelled.size() + 1);
    all.add(created);
    all.addAll(cancelled);
    return all;
  }
}
