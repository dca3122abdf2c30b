package ai.sutazai.storage.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the cache SutazAI runs with: a {@link ResilientCache} on Redis when a Redis URL is
 * configured, otherwise an {@link InProcessCache}. Never both: see {@link ResilientCache} for why
 * an unreachable Redis does not fall back to the in-process cache.
 */
public final class KeyValueCaches {

  private static final Logger LOG = LoggerFactory.getLogger(KeyValueCaches.class);

  private KeyValueCaches() {
  }

  /** The future always succeeds; an unreachable Redis only makes the cache answer misses. */
  public static Future<KeyValueCache> open(Vertx vertx, CacheOptions options) {
    if (options.usesRedis()) {
      return ResilientCache.start(vertx, options).map(cache -> (KeyValueCache) cache);
    }
    LOG.info("No Redis URL configured; using the in-process cache ({} entries at most)",
        options.inProcessMaxEntries());
    return Future.succeededFuture(new InProcessCache(options.inProcessMaxEntries()));
  }
}
