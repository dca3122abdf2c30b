package ai.sutazai.storage.cache;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * What SutazAI needs from a cache: string values with a time to live, and counters that count
 * within a window. Every operation is non-blocking; a miss is a {@code null} value, never a failure.
 */
public interface KeyValueCache {

  /** The value stored at {@code key}, or {@code null} when it is absent or expired. */
  Future<String> get(String key);

  /** Stores {@code value} at {@code key} for {@code ttl}, replacing any value and expiry before. */
  Future<Void> put(String key, String value, Duration ttl);

  /** Removes {@code key}; answers whether something was removed. */
  Future<Boolean> delete(String key);

  /**
   * Atomically adds one to the counter at {@code key} and answers the new count. The first
   * increment of a window creates the counter with expiry {@code window}; later increments keep
   * that expiry, so the counter restarts at 1 once the window has passed. A count of 0 means the
   * cache could not count (see {@link ResilientCache}); callers then fail open.
   */
  Future<Long> incrementWithExpiry(String key, Duration window);

  /** Whether the backing store is reachable; {@code false} while operations are answered as misses. */
  default boolean available() {
    return true;
  }

  /** Releases connections and memory held by this cache. */
  Future<Void> close();

  /** Rejects non-positive durations the way every implementation must. */
  static long positiveMillis(Duration duration, String what) {
    long millis = duration.toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException(what + " must be at least 1 ms, got " + duration);
    }
    return millis;
  }
}
