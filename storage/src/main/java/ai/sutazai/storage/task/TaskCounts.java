package ai.sutazai.storage.task;

import java.util.EnumMap;
import java.util.Map;

/** How many tasks have each status, and how many pending ones wait in the outbox (not yet published). */
public record TaskCounts(Map<TaskStatus, Long> byStatus, long outbox) {

  public TaskCounts {
    EnumMap<TaskStatus, Long> all = new EnumMap<>(TaskStatus.class);
    for (TaskStatus status : TaskStatus.values()) {
      all.put(status, byStatus.getOrDefault(status, 0L));
    }
    byStatus = Map.copyOf(all);
  }
}
