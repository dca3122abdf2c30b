package ai.sutazai.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Clients that each send their next request as soon as the last one is answered, for a fixed time. */
final class ClosedLoop {

  private final StreamProbe probe;

  ClosedLoop(StreamProbe probe) {
    this.probe = probe;
  }

  /** Answers per second over {@code seconds} with {@code concurrency} clients posting {@code bodies}. */
  double rate(int port, String path, Supplier<JsonObject> bodies, int concurrency, long seconds) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong completed = new AtomicLong();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Promise<Void> loop = Promise.promise();
      next(port, path, bodies, until, completed, loop);
      loops.add(loop.future());
    }
    Future.all(loops).await();
    return completed.get() / (double) seconds;
  }

  private void next(int port, String path, Supplier<JsonObject> bodies, long until, AtomicLong completed,
      Promise<Void> loop) {
    if (System.nanoTime() > until) {
      loop.complete();
      return;
    }
    probe.post(port, path, bodies.get()).onComplete(answer -> {
      if (answer.failed() || answer.result().status() != 200) {
        loop.fail(answer.failed() ? answer.cause().toString() : "status " + answer.result().status());
      } else {
        completed.incrementAndGet();
        next(port, path, bodies, until, completed, loop);
      }
    });
  }
}
