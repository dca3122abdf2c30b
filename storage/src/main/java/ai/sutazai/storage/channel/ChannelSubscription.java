package ai.sutazai.storage.channel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscribed handler as both implementations keep it: it reads payloads as JSON objects
 * (dropping and logging anything else), runs the handler on the context it subscribed from, keeps
 * a throwing handler from disturbing delivery, and delivers nothing once unsubscribed.
 */
final class ChannelSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscription.class);

  private final AgentChannel channel;
  private final Handler<JsonObject> handler;
  private final Context context;
  private final Function<ChannelSubscription, Future<Void>> onUnsubscribe;
  private final AtomicBoolean active = new AtomicBoolean(true);

  ChannelSubscription(AgentChannel channel, Handler<JsonObject> handler, Context context,
      Function<ChannelSubscription, Future<Void>> onUnsubscribe) {
    this.channel = channel;
    this.handler = handler;
    this.context = context;
    this.onUnsubscribe = onUnsubscribe;
  }

  /**
   * The payload as a JSON object, or {@code null} after logging why it was dropped (not JSON, or
   * JSON that is not an object).
   */
  static JsonObject decode(String channel, Object payload) {
    try {
      if (payload instanceof JsonObject json) {
        return json;
      }
      if (payload instanceof String text) {
        return new JsonObject(text);
      }
      if (payload instanceof Buffer bytes) {
        return new JsonObject(bytes);
      }
      LOG.warn("Dropped a message on {}: a {} is not a JSON object", channel,
          payload == null ? "null" : payload.getClass().getSimpleName());
    } catch (DecodeException | ClassCastException e) {
      LOG.warn("Dropped a message on {} that is not a JSON object: {}", channel, e.getMessage());
    }
    return null;
  }

  @Override
  public AgentChannel channel() {
    return channel;
  }

  boolean active() {
    return active.get();
  }

  /** Hands {@code message} to the handler on its own context. */
  void dispatch(JsonObject message) {
    context.runOnContext(v -> deliver(message));
  }

  /** Hands {@code message} to the handler on the calling thread. */
  void deliver(JsonObject message) {
    if (!active.get()) {
      return;
    }
    try {
      handler.handle(message);
    } catch (RuntimeException e) {
      LOG.error("A subscriber of {} failed on a message; delivery goes on", channel, e);
    }
  }

  @Override
  public Future<Void> unsubscribe() {
    if (!active.compareAndSet(true, false)) {
      return Future.succeededFuture();
    }
    return onUnsubscribe.apply(this);
  }

  /** Stops delivery without telling the implementation (it is closing). */
  void end() {
    active.set(false);
  }
}
