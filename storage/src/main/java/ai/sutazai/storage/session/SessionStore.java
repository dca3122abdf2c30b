package ai.sutazai.storage.session;

import ai.sutazai.storage.cache.CacheOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sessions: a few string fields per session id that live until their time to live runs out. Unlike
 * a cache, a store that cannot be reached fails the call (a {@code storage-unavailable} problem)
 * rather than answering as if the session were gone.
 */
public interface SessionStore {

  /**
   * Sets {@code fields} in the session (creating it, keeping fields not named) and makes the whole
   * session expire {@code ttl} from now, in one atomic step.
   *
   * @throws IllegalArgumentException for a blank id, no fields, a null name or value, or a ttl
   *                                  under 1 ms
   */
  Future<Void> put(String sessionId, Map<String, String> fields, Duration ttl);

  /** The session's fields, or an empty map when it is absent or expired. */
  Future<Map<String, String>> get(String sessionId);

  /** Makes a live session expire {@code ttl} from now; answers whether there was one. */
  Future<Boolean> touch(String sessionId, Duration ttl);

  /** Removes the session; answers whether there was a live one. */
  Future<Boolean> delete(String sessionId);

  /** Releases connections and memory held by this store. */
  Future<Void> close();

  /**
   * The store SutazAI runs with: {@link RedisSessionStore} when {@code options} name a Redis URL,
   * otherwise an {@link InProcessSessionStore} of at most {@code options.inProcessMaxEntries()}
   * sessions. The future always succeeds; with Redis down, the calls fail until it is back.
   */
  static Future<SessionStore> open(Vertx vertx, CacheOptions options) {
    if (options.usesRedis()) {
      return RedisSessionStore.start(vertx, options).map(store -> (SessionStore) store);
    }
    LoggerFactory.getLogger(SessionStore.class).info(
        "No Redis URL configured; sessions are kept in this process ({} at most)",
        options.inProcessMaxEntries());
    return Future.succeededFuture(new InProcessSessionStore(options.inProcessMaxEntries()));
  }

  /** Rejects what no implementation stores: no fields, null names or values. */
  static void requireFields(Map<String, String> fields) {
    if (fields == null || fields.isEmpty()) {
      throw new IllegalArgumentException("a session needs at least one field");
    }
    fields.forEach((name, value) -> {
      if (name == null || value == null) {
        throw new IllegalArgumentException("session field names and values must not be null");
      }
    });
  }
}
