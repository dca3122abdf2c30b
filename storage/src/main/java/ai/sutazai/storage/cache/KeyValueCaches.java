package ai.sutazai.storage.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Opens the cache SutazAI runs with: a {@link ResilientCache} on Redis when a Redis URL is
 * configured, otherwise an {@link InProcessCache}. Never both: see {@link ResilientCache} for why
 * an unreachable Redis does not fall back to the in-process cache.
 */
public final class KeyValueCaches {

  private KeyValueCaches() {
  }

  /** The future always succeeds; an unreachable Redis only makes the cache answer misses. */
  public static Future<KeyValueCache> open(Vertx vertx, CacheOptions options) {
    if (options.usesRedis()) {
      return ResilientCache.start(vertx, options).map(cache -> (KeyValueCache) cache);
    }
    return Future.succeededFuture(new InProcessCache(options.inProcessMaxEntries()));
  }
}
