package ai.sutazai.launcher.bench;

import static ai.sutazai.launcher.bench.Samples.ms;

import java.util.List;

/**
 * Where the tasks of a run spent their time, from the answer to their {@code POST} and the arrival of their changes
 * on the task socket: submitted to answered 202 (routed, stored), submitted to {@code queued} (stored, then
 * published from the outbox), {@code queued} to {@code running} (the task bus
 * handing the task to the agent, the agent taking it) and {@code running} to {@code completed} (the agent's work:
 * the model call and recording the result).
 */
final class TaskPhases {

  static final String HEADER = "| transport | to 202 p50 | p99 | to queued p50 | p99 | queued to running p50 | p99 |"
      + " running to completed p50 | p99 |";
  static final String RULE = "|---|---|---|---|---|---|---|---|---|";

  private final Samples accepted = new Samples();
  private final Samples queued = new Samples();
  private final Samples running = new Samples();
  private final Samples completed = new Samples();

  static TaskPhases of(TaskLoad.Run run, TaskWatch watch) {
    TaskPhases phases = new TaskPhases();
    for (String id : run.taskIds()) {
      List<TaskWatch.Change> changes = watch.changesOf(id);
      long queuedAt = first(changes, "queued");
      long runningAt = first(changes, "running");
      long completedAt = first(changes, "completed");
      phases.accepted.add((run.answered().get(id) - run.submitted().get(id)) / 1_000);
      phases.queued.add((queuedAt - run.submitted().get(id)) / 1_000);
      phases.running.add((runningAt - queuedAt) / 1_000);
      phases.completed.add((completedAt - runningAt) / 1_000);
    }
    return phases;
  }

  String row(String transport) {
    return "| " + transport + " | " + ms(accepted.percentile(50)) + " | " + ms(accepted.percentile(99)) + " | "
        + ms(queued.percentile(50)) + " | " + ms(queued.percentile(99)) + " | "
        + ms(running.percentile(50)) + " | " + ms(running.percentile(99)) + " | " + ms(completed.percentile(50))
        + " | " + ms(completed.percentile(99)) + " |";
  }

  private static long first(List<TaskWatch.Change> changes, String status) {
    return changes.stream().filter(change -> change.status().equals(status)).mapToLong(TaskWatch.Change::nanos)
        .min().orElseThrow(() -> new IllegalStateException("no " + status + " among " + changes));
  }
}
