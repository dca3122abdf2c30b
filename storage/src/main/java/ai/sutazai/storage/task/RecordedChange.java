package ai.sutazai.storage.task;

/**
 * A status change written to the task record: the task as the change left it and the id of the
 * {@code task_events} row recording it (null for a cancel request, which records no event).
 */
public record RecordedChange(Task task, Long eventId) {
}
