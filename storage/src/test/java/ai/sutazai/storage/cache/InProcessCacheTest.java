package ai.sutazai.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cache contract against the in-process Caffeine cache, plus its entry bound. */
class InProcessCacheTest extends KeyValueCacheContract {

  @Override
  protected Future<KeyValueCache> openCache(Vertx vertx) {
    return KeyValueCaches.open(vertx, CacheOptions.defaults());
  }

  /** Verifies that without a Redis URL the in-process cache is used and reports itself available. */
  @Test
  void isTheCacheWithoutRedisUrl() {
    assertThat(cache).isInstanceOf(InProcessCache.class);
    assertThat(cache.available()).isTrue();
  }

  /** Verifies that the cache holds no more entries than its bound. */
  @Test
  void staysWithinItsEntryBound() {
    InProcessCache small = new InProcessCache(10);
    for (int i = 0; i < 100; i++) {
      small.put("k" + i, "v", Duration.ofMinutes(1)).await();
    }
    long present = 0;
    for (int i = 0; i < 100; i++) {
      present += small.get("k" + i).await() == null ? 0 : 1;
    }

    assertThat(present).isBetween(1L, 10L);
  }
}
