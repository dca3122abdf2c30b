package ai.sutazai.storage.task;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a task is in its life: pending (stored, not yet on the task bus), queued (the bus confirmed it), running
 * (an agent works on an attempt), then one of the final statuses. A running task goes back to queued when an
 * attempt failed and is retried, and to running again when its message is redelivered after a crash.
 */
public enum TaskStatus {
  PENDING,
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  DEAD,
  CANCELLED;

  /** The name stored in {@code tasks.status} and used on the event bus. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the task has ended: no status follows a final one. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == DEAD || this == CANCELLED;
  }

  /** Whether a task ending with this status cancels the pending tasks that depend on it. */
  public boolean cancelsDependents() {
    return this == FAILED || this == DEAD || this == CANCELLED;
  }

  /** The statuses a task may move to this one from. */
  public Set<TaskStatus> allowedFrom() {
    return switch (this) {
      case PENDING -> EnumSet.noneOf(TaskStatus.class);
      case QUEUED -> EnumSet.of(PENDING, RUNNING);
      case RUNNING -> EnumSet.of(QUEUED, RUNNING);
      case COMPLETED, FAILED -> EnumSet.of(RUNNING);
      case DEAD, CANCELLED -> EnumSet.of(PENDING, QUEUED, RUNNING);
    };
  }

  /** Whether a task in status {@code from} may move to this one. */
  public boolean allowedFrom(TaskStatus from) {
    return allowedFrom().contains(from);
  }

  public static Optional<TaskStatus> fromWire(String name) {
    for (TaskStatus status : values()) {
      if (status.wireName().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** The wire names of {@code statuses}, for SQL array parameters. */
  static String[] wireNames(Set<TaskStatus> statuses) {
    return statuses.stream().map(TaskStatus::wireName).toArray(String[]::new);
  }
}
