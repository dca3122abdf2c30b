package ai.sutazai.verticles.agents.supervisor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs changes of the running agents one at a time, in the order they were asked for: a change starts once the
 * one before it has ended, however it ended. Used on one event loop.
 */
final class ChangeQueue {

  private Future<Void> last = Future.succeededFuture();

  /** Runs {@code change} after every change submitted before it; the future is the change's own. */
  <T> Future<T> submit(Supplier<Future<T>> change) {
    Promise<T> outcome = Promise.promise();
    last = last.transform(previous -> {
      Future<T> running;
      try {
        running = change.get();
      } catch (RuntimeException e) {
        running = Future.failedFuture(e);
      }
      running.onComplete(outcome);
      return running.transform(ended -> Future.<Void>succeededFuture());
    });
    return outcome.future();
  }
}
