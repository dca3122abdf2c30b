package ai.sutazai.launcher.e2e;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs a client call chain on one Vert.x event-loop context. A chain started on a test's own
 * thread can attach its body handler after a fast response already went by and then wait forever;
 * on the context every step runs in order with the response's arrival.
 */
public final class OnContext {

  private final Context context;

  public OnContext(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  public <T> Future<T> run(Supplier<Future<T>> chain) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> chain.get().onComplete(promise));
    return promise.future();
  }
}
