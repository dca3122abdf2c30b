package ai.sutazai.storage.task;

/**
 * What a status change did to a task, and the task as it is afterwards. {@code UNCHANGED}: the task already was
 * where the change would take it (a repeated final change, a second confirm of its publication), so nothing was
 * written. {@code REFUSED}: its status does not allow the change. {@code CANCEL_REQUESTED}: a cancel found the task
 * running and noted the request for the agent runtime, which stops the attempt and marks it cancelled.
 */
public record TaskTransition(Outcome outcome, Task task) {

  public enum Outcome {
    CHANGED,
    UNCHANGED,
    REFUSED,
    CANCEL_REQUESTED
  }

  public boolean changed() {
    return outcome == Outcome.CHANGED;
  }
}
