package ai.sutazai.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that tasks ran exactly once, at their first attempt: each task's recorded events
 * ({@code GET /api/v1/tasks/{id}/events}, read from the database) are exactly pending, queued, running, completed
 * (no failed attempt sent it back to queued, no second run), and the completion the task socket reported says
 * attempt 1. A benchmark row whose tasks break this is not a result, so the run fails.
 */
final class ExactlyOnce {

  private static final int AT_ONCE = 32;
  private static final List<String> ONE_RUN = List.of("pending", "queued", "running", "completed");

  private ExactlyOnce() {
  }

  static void check(StreamProbe probe, int port, TaskWatch watch, List<String> taskIds) {
    for (int from = 0; from < taskIds.size(); from += AT_ONCE) {
      List<Future<Void>> reads = new ArrayList<>();
      for (String id : taskIds.subList(from, Math.min(taskIds.size(), from + AT_ONCE))) {
        reads.add(probe.get(port, "/api/v1/tasks/" + id + "/events").map(answer -> {
          if (answer.status() != 200) {
            throw new IllegalStateException("the events of task " + id + " answered " + answer.status());
          }
          checkEvents(id, answer.body().toString());
          return null;
        }));
      }
      Future.all(reads).await();
    }
    for (String id : taskIds) {
      List<TaskWatch.Change> completed = watch.changesOf(id).stream()
          .filter(change -> change.status().equals("completed")).toList();
      if (completed.size() != 1 || completed.get(0).attempts() != 1) {
        throw new IllegalStateException("task " + id + " completed " + completed.size()
            + " time(s) on the task socket, at attempts " + completed.stream().map(TaskWatch.Change::attempts)
            .toList() + ": " + watch.changesOf(id));
      }
    }
  }

  private static void checkEvents(String id, String stream) {
    List<String> statuses = stream.lines().filter(line -> line.startsWith("data: "))
        .map(line -> new JsonObject(line.substring(6)).getString("status")).toList();
    if (!statuses.equals(ONE_RUN)) {
      throw new IllegalStateException("task " + id + " has the recorded statuses " + statuses + " instead of "
          + ONE_RUN);
    }
  }
}
