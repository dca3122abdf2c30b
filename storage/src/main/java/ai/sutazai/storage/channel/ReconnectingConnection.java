package ai.sutazai.storage.channel;

import static ai.sutazai.storage.ReconnectSchedule.onContext;

import ai.sutazai.storage.ReconnectSchedule;
import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.storage.session.GuardedRedis;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Response;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection of its own that stays up: when it closes, fails, or a guarded call on it
 * (including the heartbeat every {@link CacheOptions#reconnectMaxDelay()}) is not answered in
 * time, it is dropped and a new one is opened with a doubling backoff, then prepared again (for
 * {@link RedisChannelSubscriber}, by subscribing every channel). The heartbeat repeats that
 * preparation (idempotent at Redis; nothing to check while no channel is subscribed) rather than
 * sending PING: on a connection receiving pushes, vertx-redis-client 5.0.8 can hand a push the
 * promise of a pending ordinary command (so PING replies get lost; compare
 * vert-x3/vertx-redis-client#454), so only pub/sub commands may be sent on it. Its state is
 * touched on its owner's context only.
 */
final class ReconnectingConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingConnection.class);

  private final Vertx vertx;
  private final Context context;
  private final CacheOptions options;
  private final GuardedRedis redis;
  private final Handler<Response> pushes;
  private final Function<RedisConnection, Future<Void>> prepare;
  private RedisConnection connection;
  private boolean connecting;
  private final ReconnectSchedule reconnect;
  private boolean closed;
  private long heartbeatTimer = -1;
  private volatile boolean ready;

  /**
   * @param pushes  receives what Redis pushes (pub/sub messages), on {@code context}
   * @param prepare readies a connection through {@link #guard}; the connection counts as up once
   *                it succeeded, and it is repeated as the heartbeat
   */
  ReconnectingConnection(Vertx vertx, Context context, CacheOptions options,
      Handler<Response> pushes, Function<RedisConnection, Future<Void>> prepare) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.redis = GuardedRedis.create(vertx, options, "agent channel subscriptions", 1);
    this.pushes = pushes;
    this.prepare = prepare;
    this.reconnect = new ReconnectSchedule(vertx, context, options.reconnectInitialDelay(),
        options.reconnectMaxDelay(), this::connect);
  }

  /** Starts the heartbeat and makes the first attempt; succeeds whether Redis answered or not. */
  Future<Void> start() {
    Promise<Void> started = Promise.promise();
    onContext(context, () -> {
      heartbeatTimer = vertx.setPeriodic(options.reconnectMaxDelay().toMillis(),
          id -> onContext(context, this::heartbeat));
      connect().onComplete(attempt -> started.complete());
    });
    return started.future();
  }

  /** The connection, or {@code null} while Redis is away. Call on the owner's context. */
  RedisConnection current() {
    return connection;
  }

  /** Whether the connection is up and prepared. */
  boolean ready() {
    return ready;
  }

  /**
   * Bounds {@code call} on {@code open} by the operation timeout; a failure drops the connection
   * (it is replaced and prepared again).
   */
  <T> Future<T> guard(RedisConnection open, Supplier<Future<T>> call, String what) {
    return redis.guarded(call, what)
        .onFailure(failure -> onContext(context, () -> lost(open, what + " failed")));
  }

  Future<Void> close() {
    Promise<Void> closing = Promise.promise();
    onContext(context, () -> {
      closed = true;
      ready = false;
      vertx.cancelTimer(heartbeatTimer);
      reconnect.stop();
      RedisConnection open = connection;
      connection = null;
      (open == null ? Future.<Void>succeededFuture() : open.close())
          .transform(done -> redis.close())
          .onComplete(closing);
    });
    return closing.future();
  }

  private Future<Void> connect() {
    if (closed || connecting || connection != null) {
      return Future.succeededFuture();
    }
    connecting = true;
    Promise<Void> attempt = Promise.promise();
    redis.connect().onComplete(opened -> onContext(context, () -> {
      connecting = false;
      if (opened.failed()) {
        retryLater(opened.cause().getMessage());
        attempt.complete();
      } else {
        adopt(opened.result()).onComplete(attempt);
      }
    }));
    return attempt.future();
  }

  private Future<Void> adopt(RedisConnection fresh) {
    if (closed) {
      return fresh.close();
    }
    fresh.handler(push -> onContext(context, () -> pushes.handle(push)));
    fresh.endHandler(end -> onContext(context, () -> lost(fresh, "the connection closed")));
    fresh.exceptionHandler(failure -> onContext(context, () -> lost(fresh, failure.toString())));
    connection = fresh;
    return prepare.apply(fresh).onSuccess(prepared -> onContext(context, () -> {
      if (connection != fresh) {
        return;
      }
      ready = true;
      if (reconnect.connected()) {
        LOG.info("Agent channels are back on Redis at {}, every channel subscribed again",
            redis.endpoint());
      } else {
        LOG.info("Agent channels subscribe at Redis at {}", redis.endpoint());
      }
    }));
  }

  private void heartbeat() {
    if (connection != null && ready) {
      prepare.apply(connection);
    }
  }

  private void lost(RedisConnection gone, String reason) {
    if (gone != connection) {
      return;
    }
    connection = null;
    ready = false;
    gone.close().onFailure(failure -> LOG.debug("Closing a lost Redis connection failed", failure));
    retryLater(reason);
  }

  private void retryLater(String reason) {
    if (reconnect.failed()) {
      LOG.warn("Agent channels lost Redis at {} ({}); reconnecting to subscribe every channel "
          + "again", redis.endpoint(), reason);
    }
  }
}
