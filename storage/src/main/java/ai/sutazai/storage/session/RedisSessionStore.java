package ai.sutazai.storage.session;

import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.storage.cache.KeyValueCache;
import ai.sutazai.verticles.cache.CacheKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionStore} on Redis: each session is a hash at {@link CacheKeys#session(String)} whose
 * key expiry is the session's. Calls go through {@link GuardedRedis}, so an unreachable Redis
 * fails them within the operation timeout. {@link ai.sutazai.storage.cache.ResilientCache}'s
 * approach (answering misses and no-ops while Redis is down) is deliberately not reused: a missing
 * session logs its user out and a dropped write loses a login, so callers must see the outage and
 * answer 503. No down-state is kept: a refused connection fails in milliseconds, a hung Redis is
 * cut off at the timeout, and the first call after Redis is back succeeds.
 */
public final class RedisSessionStore implements SessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

  /** HSET of every field pair in ARGV[2..] and PEXPIRE ARGV[1], atomically. */
  static final String PUT_FIELDS = """
      for i = 2, #ARGV, 2 do
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return 1""";

  private final GuardedRedis redis;

  RedisSessionStore(GuardedRedis redis) {
    this.redis = redis;
  }

  /** Connects to Redis; the future always succeeds, logging a warning when Redis did not answer. */
  public static Future<RedisSessionStore> start(Vertx vertx, CacheOptions options) {
    GuardedRedis redis = GuardedRedis.create(vertx, options, "sessions",
        options.redisMaxPoolSize());
    return redis.send(Request.cmd(Command.PING))
        .onSuccess(pong -> LOG.info("Sessions are kept in Redis at {}", redis.endpoint()))
        .transform(ping -> Future.succeededFuture(new RedisSessionStore(redis)));
  }

  @Override
  public Future<Void> put(String sessionId, Map<String, String> fields, Duration ttl) {
    String key = CacheKeys.session(sessionId);
    SessionStore.requireFields(fields);
    long millis = KeyValueCache.positiveMillis(ttl, "ttl");
    Request script = Request.cmd(Command.EVAL).arg(PUT_FIELDS).arg(1).arg(key).arg(millis);
    fields.forEach((name, value) -> script.arg(name).arg(value));
    return redis.send(script).mapEmpty();
  }

  @Override
  public Future<Map<String, String>> get(String sessionId) {
    return redis.send(Request.cmd(Command.HGETALL).arg(CacheKeys.session(sessionId)))
        .map(RedisSessionStore::fields);
  }

  @Override
  public Future<Boolean> touch(String sessionId, Duration ttl) {
    long millis = KeyValueCache.positiveMillis(ttl, "ttl");
    return redis.send(Request.cmd(Command.PEXPIRE).arg(CacheKeys.session(sessionId)).arg(millis))
        .map(reply -> reply.toLong() == 1L);
  }

  @Override
  public Future<Boolean> delete(String sessionId) {
    return redis.send(Request.cmd(Command.DEL).arg(CacheKeys.session(sessionId)))
        .map(reply -> reply.toLong() > 0);
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  /** HGETALL answers a map under RESP3 and alternating names and values under RESP2. */
  private static Map<String, String> fields(Response reply) {
    Map<String, String> fields = new HashMap<>();
    if (reply == null) {
      return Map.of();
    }
    if (reply.isMap()) {
      reply.getKeys().forEach(name -> fields.put(name, reply.get(name).toString()));
    } else {
      Iterator<Response> items = reply.iterator();
      while (items.hasNext()) {
        String name = items.next().toString();
        fields.put(name, items.next().toString());
      }
    }
    return Map.copyOf(fields);
  }
}
