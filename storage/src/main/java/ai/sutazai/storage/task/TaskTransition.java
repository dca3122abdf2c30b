package ai.sutazai.storage.task;

import java.util.ArrayList;
import java.util.List;

/**
 * What a status change did to a task, and the task as it is afterwards. {@code UNCHANGED}: the task already was
 * where the change would take it (a repeated final change, a second confirm of its publication), so nothing was
 * written. {@code REFUSED}: its status does not allow the change. {@code CANCEL_REQUESTED}: a cancel found the task
 * running and noted the request for the agent runtime, which stops the attempt and marks it cancelled.
 *
 * @param eventId   the {@code task_events} id of a {@code CHANGED} outcome, else null
 * @param cancelled the pending tasks the change cancelled in the same transaction because they depend on this one
 */
public record TaskTransition(Outcome outcome, Task task, Long eventId, List<RecordedChange> cancelled) {

  public enum Outcome {
    CHANGED,
    UNCHANGED,
    REFUSED,
    CANCEL_REQUESTED
  }

  public TaskTransition {
    cancelled = List.copyOf(cancelled);
  }

  /** An outcome that wrote no event and cancelled no dependent. */
  public TaskTransition(Outcome outcome, Task task) {
    this(outcome, task, null, List.of());
  }

  public boolean changed() {
    return outcome == Outcome.CHANGED;
  }

  /** What the listeners of the task record hear of this outcome, in order: the change, then the cancellations. */
  public List<RecordedChange> recorded() {
    if (outcome != Outcome.CHANGED && outcome != Outcome.CANCEL_REQUESTED) {
      return List.of();
    }
    List<RecordedChange> all = new ArrayList<>(cancelled.size() + 1);
    all.add(new RecordedChange(task, eventId));
    all.addAll(cancelled);
    return all;
  }
}
