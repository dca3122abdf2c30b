package ai.sutazai.storage.session;

import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis client for state that must not silently vanish (sessions, agent channels): every call is
 * bounded by {@link CacheOptions#operationTimeout()}, and a Redis that refuses, drops or does not
 * answer fails the call with a {@code storage-unavailable} problem instead of answering a miss.
 * It logs one warning when calls start failing and one info line when Redis answers again.
 */
public final class GuardedRedis {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedRedis.class);

  private final Redis client;
  private final CacheOptions options;
  private final String purpose;
  private final AtomicBoolean failing = new AtomicBoolean();

  private GuardedRedis(Redis client, CacheOptions options, String purpose) {
    this.client = client;
    this.options = options;
    this.purpose = purpose;
  }

  /**
   * A client for {@code options.redisUrl()} keeping at most {@code maxPoolSize} connections;
   * {@code purpose} names what it serves in logs and problems ("sessions").
   */
  public static GuardedRedis create(Vertx vertx, CacheOptions options, String purpose,
      int maxPoolSize) {
    if (!options.usesRedis()) {
      throw new IllegalArgumentException("no Redis URL configured for " + purpose);
    }
    return new GuardedRedis(Redis.createClient(vertx, options.redisOptions(maxPoolSize)), options, purpose);
  }

  /** Sends one command on a pooled connection. */
  public Future<Response> send(Request request) {
    return guarded(() -> client.send(request), request.command().toString());
  }

  /**
   * A connection of its own (for SUBSCRIBE); closing it gives it back or drops it. A connection
   * that arrives after the timeout is closed at once rather than leaked.
   */
  public Future<RedisConnection> connect() {
    Future<RedisConnection> opening = client.connect();
    return guarded(() -> opening, "CONNECT")
        .onFailure(failure -> opening.onSuccess(RedisConnection::close));
  }

  /** Bounds a call made on a connection from {@link #connect()} the same way as {@link #send}. */
  public <T> Future<T> guarded(Supplier<Future<T>> call, String what) {
    Future<T> bounded;
    try {
      bounded = call.get().timeout(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      bounded = Future.failedFuture(e);
    }
    return bounded.transform(result -> {
      if (result.succeeded()) {
        if (failing.compareAndSet(true, false)) {
          LOG.info("Redis at {} answers again for {}", endpoint(), purpose);
        }
        return Future.succeededFuture(result.result());
      }
      return Future.failedFuture(problem(result.cause(), what));
    });
  }

  public String endpoint() {
    return options.redisEndpoint();
  }

  public Future<Void> close() {
    return client.close();
  }

  private RuntimeException problem(Throwable failure, String what) {
    if (failure instanceof Response reply && reply.type() == ResponseType.ERROR) {
      LOG.error("Redis at {} rejected {} for {}: {}", endpoint(), what, purpose, reply);
      return ProblemType.INTERNAL.problem("the store of " + purpose + " rejected the request")
          .asException();
    }
    if (failing.compareAndSet(false, true)) {
      LOG.warn("Redis at {} is unreachable for {} ({} failed: {}); failing {} until it answers",
          endpoint(), purpose, what, failure.toString(), purpose);
    } else {
      LOG.debug("Redis at {} still unreachable for {} ({} failed: {})", endpoint(), purpose, what,
          failure.toString());
    }
    return ProblemType.STORAGE_UNAVAILABLE
        .problem(purpose + " are unavailable: their store did not answer").asException();
  }
}
