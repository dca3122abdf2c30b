package ai.sutazai.storage.task;

/** Told of every status change written to the task record and of every cancel request, after it is written. */
@FunctionalInterface
public interface TaskChangeListener {

  void recorded(RecordedChange change);
}
