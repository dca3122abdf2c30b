package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.task.TaskCounts;
import ai.sutazai.storage.task.TaskStatus;
import ai.sutazai.verticles.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sutazai_tasks{status}}: tasks by status as last counted in PostgreSQL; {@code sutazai_task_outbox_pending}:
 * pending tasks not yet published, as last counted; {@code sutazai_agent_dead_letters_total{agent}}: tasks
 * dead-lettered from their own agent's queue (rejected or expired). Registered for the life of one task bus and
 * removed when it stops. A failed count keeps the last values.
 */
final class TaskBusMeters {

  static final String TASKS = "sutazai.tasks";
  static final String OUTBOX = "sutazai.task.outbox.pending";
  static final String DEAD_LETTERS = "sutazai.agent.dead.letters";

  private final MeterRegistry registry = Meters.registry();
  private final Map<TaskStatus, AtomicLong> byStatus = new EnumMap<>(TaskStatus.class);
  private final AtomicLong outbox = new AtomicLong();
  private final Map<String, Counter> deadLetters = new HashMap<>();
  private final List<Meter> meters = new ArrayList<>();

  TaskBusMeters() {
    for (TaskStatus status : TaskStatus.values()) {
      AtomicLong count = new AtomicLong();
      byStatus.put(status, count);
      meters.add(Gauge.builder(TASKS, count, AtomicLong::get).tag("status", status.wireName())
          .description("Tasks by status, as last counted in PostgreSQL").strongReference(true).register(registry));
    }
    meters.add(Gauge.builder(OUTBOX, outbox, AtomicLong::get)
        .description("Pending tasks not yet published to the task bus, as last counted")
        .strongReference(true).register(registry));
  }

  void counted(TaskCounts counts) {
    counts.byStatus().forEach((status, count) -> byStatus.get(status).set(count));
    outbox.set(counts.outbox());
  }

  /** Tasks by status as last counted: {@code {"pending": n, ...}}. */
  JsonObject counts() {
    JsonObject counts = new JsonObject();
    byStatus.forEach((status, count) -> counts.put(status.wireName(), count.get()));
    return counts;
  }

  /** The outbox as last counted. */
  long outbox() {
    return outbox.get();
  }

  /** An agent consumes: its dead-letter counter is exported from now on, at 0 until a task dead-letters. */
  void consuming(String agent) {
    deadLetterCounter(agent);
  }

  void deadLetter(String agent) {
    deadLetterCounter(agent).increment();
  }

  private Counter deadLetterCounter(String agent) {
    return deadLetters.computeIfAbsent(agent, id -> {
      Counter counter = Counter.builder(DEAD_LETTERS).tag("agent", id)
          .description("Tasks dead-lettered from their own agent's queue: rejected after their last attempt, or expired")
          .register(registry);
      meters.add(counter);
      return counter;
    });
  }

  void remove() {
    meters.forEach(registry::remove);
    meters.clear();
    deadLetters.clear();
  }
}
