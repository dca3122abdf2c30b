package ai.sutazai.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Clients that each submit a task ({@code POST /api/v1/tasks}), wait until the task socket reports it completed,
 * then submit the next: a closed loop of {@code concurrency} tasks in flight. Fails at the first task refused or
 * ended otherwise than completed.
 */
final class TaskLoad {

  private final StreamProbe probe;
  private final int port;
  private final TaskWatch watch;

  TaskLoad(StreamProbe probe, int port, TaskWatch watch) {
    this.probe = probe;
    this.port = port;
    this.watch = watch;
  }

  /**
   * What a run did: the ids of its tasks with when each was submitted and when its {@code POST} was answered
   * (nanoTime), submit-to-completed latencies and how long it took in all.
   */
  record Run(List<String> taskIds, Map<String, Long> submitted, Map<String, Long> answered, Samples latency,
      long elapsedNanos) {

    double tasksPerSecond() {
      return taskIds.size() / (elapsedNanos / 1e9);
    }
  }

  /** Submits {@code total} tasks made by {@code bodies} (given the task's number), {@code concurrency} at a time. */
  Run run(IntFunction<JsonObject> bodies, int total, int concurrency) {
    Running running = start(bodies, concurrency, total);
    return running.finished().await();
  }

  /** Submits tasks made by {@code bodies}, {@code concurrency} at a time, until {@link Running#stop()}. */
  Running start(IntFunction<JsonObject> bodies, int concurrency) {
    return start(bodies, concurrency, Integer.MAX_VALUE);
  }

  private Running start(IntFunction<JsonObject> bodies, int concurrency, int total) {
    Running running = new Running(bodies, total);
    List<Future<Void>> clients = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Promise<Void> client = Promise.promise();
      running.next(client);
      clients.add(client.future());
    }
    running.all = Future.all(clients).map(done -> new Run(List.copyOf(running.ids), Map.copyOf(running.submitted),
        Map.copyOf(running.answered), running.latency, System.nanoTime() - running.startNanos));
    return running;
  }

  /** A load under way. */
  final class Running {

    private final IntFunction<JsonObject> bodies;
    private final int total;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> submitted = new ConcurrentHashMap<>();
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    private final Samples latency = new Samples();
    private Future<Run> all;

    private Running(IntFunction<JsonObject> bodies, int total) {
      this.bodies = bodies;
      this.total = total;
    }

    /** Submits no more tasks; the run ends when those in flight have completed. */
    Future<Run> stop() {
      stopped.set(true);
      return all;
    }

    Future<Run> finished() {
      return all;
    }

    private void next(Promise<Void> client) {
      int number = numbers.getAndIncrement();
      if (stopped.get() || number >= total) {
        client.complete();
        return;
      }
      long start = System.nanoTime();
      probe.post(port, "/api/v1/tasks", bodies.apply(number)).compose(answer -> {
        long answeredAt = System.nanoTime();
        if (answer.status() != 202) {
          return Future.failedFuture("task " + number + " was answered " + answer.status() + ": " + answer.body());
        }
        String id = answer.body().toJsonObject().getString("id");
        ids.add(id);
        submitted.put(id, start);
        answered.put(id, answeredAt);
        return watch.ended(id);
      }).onComplete(ended -> {
        if (ended.failed()) {
          client.fail(ended.cause());
          return;
        }
        synchronized (latency) {
          latency.add((ended.result().nanos() - start) / 1_000);
        }
        next(client);
      });
    }
  }
}
