package ai.sutazai.storage.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * {@link KeyValueCache} in this JVM on Caffeine, bounded by entry count, each entry expiring at its
 * own deadline. Used when no Redis URL is configured; it answers like {@link RedisCache}.
 */
public final class InProcessCache implements KeyValueCache {

  private record Entry(String value, long expiresAtNanos) {
  }

  private final Cache<String, Entry> entries;
  private final Ticker ticker;

  public InProcessCache(long maxEntries) {
    this.ticker = Ticker.systemTicker();
    this.entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .ticker(ticker)
        .executor(Runnable::run)
        .expireAfter(new DeadlineExpiry())
        .build();
  }

  @Override
  public Future<String> get(String key) {
    Entry entry = entries.getIfPresent(key);
    return Future.succeededFuture(live(entry) ? entry.value() : null);
  }

  @Override
  public Future<Void> put(String key, String value, Duration ttl) {
    long nanos = Duration.ofMillis(KeyValueCache.positiveMillis(ttl, "ttl")).toNanos();
    entries.put(key, new Entry(value, ticker.read() + nanos));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> delete(String key) {
    return Future.succeededFuture(live(entries.asMap().remove(key)));
  }

  @Override
  public Future<Long> incrementWithExpiry(String key, Duration window) {
    long nanos = Duration.ofMillis(KeyValueCache.positiveMillis(window, "window")).toNanos();
    try {
      Entry counted = entries.asMap().compute(key, (k, old) -> {
        if (!live(old)) {
          return new Entry("1", ticker.read() + nanos);
        }
        return new Entry(Long.toString(Math.addExact(Long.parseLong(old.value()), 1)),
            old.expiresAtNanos());
      });
      return Future.succeededFuture(Long.parseLong(counted.value()));
    } catch (NumberFormatException | ArithmeticException e) {
      return Future.failedFuture(
          new IllegalStateException("value at " + key + " is not an integer counter", e));
    }
  }

  @Override
  public Future<Void> close() {
    entries.invalidateAll();
    entries.cleanUp();
    return Future.succeededFuture();
  }

  private boolean live(Entry entry) {
    return entry != null && entry.expiresAtNanos() - ticker.read() > 0;
  }

  /** Every write sets the remaining time to the entry's own deadline; reads leave it alone. */
  private static final class DeadlineExpiry implements Expiry<String, Entry> {

    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return Math.max(0, entry.expiresAtNanos() - currentTime);
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime,
        long currentDuration) {
      return Math.max(0, entry.expiresAtNanos() - currentTime);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
