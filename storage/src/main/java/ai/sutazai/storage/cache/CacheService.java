package ai.sutazai.storage.cache;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/**
 * The cache addresses of {@link StorageAddresses} over a {@link KeyValueCache}. A Redis outage never fails
 * them: the resilient cache answers misses and drops writes until Redis is back.
 */
public final class CacheService {

  private final KeyValueCache cache;
  private final CacheOptions options;

  public CacheService(KeyValueCache cache, CacheOptions options) {
    this.cache = cache;
    this.options = options;
  }

  /** How the cache is built, safe to log: {@code redis 127.0.0.1:6379} or {@code in-process (at most N entries)}. */
  public String describe() {
    return options.usesRedis()
      ? "redis " + options.redisEndpoint()
      : "in-process (at most " + options.inProcessMaxEntries() + " entries)";
  }

  /** {@code {"status": "up"|"down", "backend": "redis"|"in-process", "endpoint"?}}. */
  public JsonObject status() {
    JsonObject status = new JsonObject()
      .put("status", cache.available() ? "up" : "down")
      .put("backend", options.usesRedis() ? "redis" : "in-process");
    if (options.usesRedis()) {
      status.put("endpoint", options.redisEndpoint());
    }
    return status;
  }

  /** The handler of each cache address. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(
      StorageAddresses.CACHE_GET, message -> serve(message, this::get),
      StorageAddresses.CACHE_PUT, message -> serve(message, this::put));
  }

  private Future<JsonObject> get(JsonObject body) {
    String key = key(body);
    return cache.get(key).map(value -> new JsonObject().put("value", value));
  }

  private Future<JsonObject> put(JsonObject body) {
    String key = key(body);
    Object value = body.getValue("value");
    if (!(value instanceof String text)) {
      throw invalid("'value' must be a string, got " + Json.encode(value));
    }
    Object ttl = body.getValue("ttl_ms");
    if (!(ttl instanceof Integer || ttl instanceof Long) || ((Number) ttl).longValue() < 1) {
      throw invalid("'ttl_ms' must be a positive integer, got " + Json.encode(ttl));
    }
    return cache.put(key, text, Duration.ofMillis(((Number) ttl).longValue())).map(stored -> new JsonObject());
  }

  private static String key(JsonObject body) {
    Object key = body.getValue("key");
    if (key instanceof String text && !text.isEmpty()) {
      return text;
    }
    throw invalid("'key' must be a non-empty string, got " + Json.encode(key));
  }

  private static ProblemException invalid(String detail) {
    return ProblemType.INVALID_REQUEST.problem(detail).asException();
  }
}
