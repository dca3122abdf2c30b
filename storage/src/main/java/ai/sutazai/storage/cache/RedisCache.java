package ai.sutazai.storage.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;

/**
 * {@link KeyValueCache} on Redis through the non-blocking vertx-redis-client. It fails like Redis
 * does (connection refused, closed connection); {@link ResilientCache} turns that into misses.
 */
public final class RedisCache implements KeyValueCache {

  /** INCR and, for a counter without expiry (a new window), PEXPIRE in one atomic script. */
  static final String INCREMENT_WITH_EXPIRY = """
      local count = redis.call('INCR', KEYS[1])
      if redis.call('PTTL', KEYS[1]) < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
      end
      return count""";

  private final Redis client;
  private final RedisAPI api;

  private RedisCache(Redis client) {
    this.client = client;
    this.api = RedisAPI.api(client);
  }

  /** A pooled client for {@code options.redisUrl()}; connections are opened on first use. */
  public static RedisCache create(Vertx vertx, CacheOptions options) {
    if (!options.usesRedis()) {
      throw new IllegalArgumentException("no Redis URL configured");
    }
    return new RedisCache(Redis.createClient(vertx, options.redisOptions(options.redisMaxPoolSize())));
  }

  @Override
  public Future<String> get(String key) {
    return api.get(key).map(response -> response == null ? null : response.toString());
  }

  @Override
  public Future<Void> put(String key, String value, Duration ttl) {
    long millis = KeyValueCache.positiveMillis(ttl, "ttl");
    return api.set(List.of(key, value, "PX", Long.toString(millis))).mapEmpty();
  }

  @Override
  public Future<Boolean> delete(String key) {
    return api.del(List.of(key)).map(response -> response.toLong() > 0);
  }

  @Override
  public Future<Long> incrementWithExpiry(String key, Duration window) {
    long millis = KeyValueCache.positiveMillis(window, "window");
    return api.eval(List.of(INCREMENT_WITH_EXPIRY, "1", key, Long.toString(millis)))
        .map(Response::toLong);
  }

  /** Answers once Redis replied to PING. */
  public Future<Void> ping() {
    return api.ping(List.of()).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
