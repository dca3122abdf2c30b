package ai.sutazai.storage.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RedisCache} that never fails its callers for want of Redis: while Redis is unreachable
 * (at start or later) every operation answers at once as a miss or a no-op, and a timer probes
 * Redis with a doubling backoff until it answers again. Each operation is bounded by
 * {@link CacheOptions#operationTimeout()}. It logs one warning when Redis goes down and one info
 * line when it is back; {@link #available()} tells health checks which state it is in.
 *
 * <p>The in-process cache is deliberately not a fallback here: with a Redis URL configured, several
 * SutazAI processes share counters and cached answers, and silently splitting them into
 * per-process copies would make rate limits and cache contents wrong. {@link InProcessCache} is
 * used only when no Redis URL is configured (see {@link KeyValueCaches}).
 */
public final class ResilientCache implements KeyValueCache {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientCache.class);

  private final Vertx vertx;
  private final RedisCache redis;
  private final CacheOptions options;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long probeTimer = -1;

  private ResilientCache(Vertx vertx, RedisCache redis, CacheOptions options) {
    this.vertx = vertx;
    this.redis = redis;
    this.options = options;
  }

  /**
   * Connects to Redis; the future always succeeds, with the cache already probing in the
   * background when Redis did not answer.
   */
  public static Future<ResilientCache> start(Vertx vertx, CacheOptions options) {
    ResilientCache cache = new ResilientCache(vertx, RedisCache.create(vertx, options), options);
    return cache.bounded(cache.redis::ping)
        .onSuccess(v -> LOG.debug("Redis cache connected at {}", options.redisEndpoint()))
        .otherwise(failure -> {
          cache.markDown(failure);
          return null;
        })
        .map(cache);
  }

  @Override
  public Future<String> get(String key) {
    return guarded(() -> redis.get(key), null);
  }

  @Override
  public Future<Void> put(String key, String value, Duration ttl) {
    KeyValueCache.positiveMillis(ttl, "ttl");
    return guarded(() -> redis.put(key, value, ttl), null);
  }

  @Override
  public Future<Boolean> delete(String key) {
    return guarded(() -> redis.delete(key), false);
  }

  /** Answers 0 (not counted) while Redis is unreachable, so that callers fail open. */
  @Override
  public Future<Long> incrementWithExpiry(String key, Duration window) {
    KeyValueCache.positiveMillis(window, "window");
    return guarded(() -> redis.incrementWithExpiry(key, window), 0L);
  }

  @Override
  public boolean available() {
    return available.get();
  }

  @Override
  public Future<Void> close() {
    closed.set(true);
    vertx.cancelTimer(probeTimer);
    return redis.close();
  }

  private <T> Future<T> guarded(Supplier<Future<T>> operation, T fallback) {
    if (!available.get()) {
      return Future.succeededFuture(fallback);
    }
    return bounded(operation).recover(failure -> {
      if (isRedisErrorReply(failure)) {
        return Future.failedFuture(failure);
      }
      markDown(failure);
      return Future.succeededFuture(fallback);
    });
  }

  private <T> Future<T> bounded(Supplier<Future<T>> operation) {
    try {
      return operation.get().timeout(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Redis answered with an error (a wrong type, a script error): a bug, not an outage. */
  private static boolean isRedisErrorReply(Throwable failure) {
    return failure instanceof Response response && response.type() == ResponseType.ERROR;
  }

  private void markDown(Throwable cause) {
    if (available.compareAndSet(true, false)) {
      LOG.warn("Redis cache at {} is unreachable ({}); serving without the cache until it is back",
          options.redisEndpoint(), String.valueOf(cause.getMessage()));
      scheduleProbe(options.reconnectInitialDelay().toMillis());
    }
  }

  private void scheduleProbe(long delayMs) {
    if (closed.get()) {
      return;
    }
    probeTimer = vertx.setTimer(delayMs, id -> bounded(redis::ping)
        .onSuccess(v -> {
          if (!closed.get() && available.compareAndSet(false, true)) {
            LOG.info("Redis cache at {} is reachable again; using it", options.redisEndpoint());
          }
        })
        .onFailure(failure -> scheduleProbe(
            Math.min(delayMs * 2, options.reconnectMaxDelay().toMillis()))));
  }
}
