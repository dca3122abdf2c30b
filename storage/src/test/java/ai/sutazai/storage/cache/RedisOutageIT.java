package ai.sutazai.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.testing.RedisServerProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cache keeps answering while its Redis is away, and uses Redis again when it is back. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisOutageIT {

  /** Ten times the configured operation timeout: what "quickly" means on a noisy machine. */
  private static final long QUICK_MS = 5_000;
  private static final Duration TTL = Duration.ofMinutes(1);

  private RedisServerProcess server;
  private KeyValueCache cache;

  @BeforeEach
  void prepare() {
    server = new RedisServerProcess(RedisServerProcess.freePort());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (cache != null) {
      cache.close().await();
    }
    server.close();
  }

  /** Verifies that a cache opened while Redis is down answers misses at once and uses Redis once it starts. */
  @Test
  void startsWithoutRedisAndPicksItUpLater(Vertx vertx) throws Exception {
    cache = KeyValueCaches.open(vertx, options(server)).await();

    assertThat(cache.available()).isFalse();
    assertQuickly(() -> cache.get("k")).isNull();
    assertQuickly(() -> cache.put("k", "v", TTL)).isNull();
    assertQuickly(() -> cache.incrementWithExpiry("n", TTL)).isEqualTo(0L);

    server.start();
    awaitAvailable(vertx);
    cache.put("k", "v", TTL).await();
    assertThat(cache.get("k").await()).isEqualTo("v");
  }

  /** Verifies that Redis stopped mid-test turns operations into quick misses and that Redis is used again after it restarts on the same port. */
  @Test
  void survivesRedisStoppingAndComingBack(Vertx vertx) throws Exception {
    server.start();
    cache = KeyValueCaches.open(vertx, options(server)).await();
    cache.put("k", "before", TTL).await();
    assertThat(cache.get("k").await()).isEqualTo("before");
    assertThat(cache.available()).isTrue();

    server.stop();
    for (int i = 0; i < 5; i++) {
      assertQuickly(() -> cache.get("k")).isNull();
      assertQuickly(() -> cache.put("k", "during", TTL)).isNull();
      assertQuickly(() -> cache.incrementWithExpiry("n", TTL)).isEqualTo(0L);
    }
    assertThat(cache.available()).isFalse();

    server.start();
    awaitAvailable(vertx);
    assertThat(cache.get("k").await()).as("a fresh Redis has no old entries").isNull();
    cache.put("k", "after", TTL).await();
    assertThat(cache.get("k").await()).isEqualTo("after");
    assertThat(cache.incrementWithExpiry("n", TTL).await()).isEqualTo(1L);
  }

  /** Verifies that a Redis that stops answering (frozen, connections open) costs callers at most the operation timeout, and is used again once it answers. */
  @Test
  void boundsOperationsWhenRedisHangs(Vertx vertx) throws Exception {
    server.start();
    cache = KeyValueCaches.open(vertx, options(server)).await();
    cache.put("k", "before", TTL).await();

    server.pause();
    assertQuickly(() -> cache.get("k")).isNull();
    assertThat(cache.available()).isFalse();
    assertQuickly(() -> cache.get("k")).isNull();
    assertQuickly(() -> cache.incrementWithExpiry("n", TTL)).isEqualTo(0L);

    server.resume();
    awaitAvailable(vertx);
    assertThat(cache.get("k").await()).isEqualTo("before");
  }

  private static CacheOptions options(RedisServerProcess server) {
    return new CacheOptions(server.url(), Duration.ofMillis(500), Duration.ofMillis(100),
        Duration.ofSeconds(1), 4, 100);
  }

  private static <T> org.assertj.core.api.ObjectAssert<T> assertQuickly(Supplier<Future<T>> op) {
    long start = System.nanoTime();
    T value = op.get().await();
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tookMs).as("answered within %d ms", QUICK_MS).isLessThan(QUICK_MS);
    return assertThat(value);
  }

  private void awaitAvailable(Vertx vertx) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cache.available()) {
      assertThat(System.nanoTime()).as("Redis used again within 20 s").isLessThan(deadline);
      vertx.timer(50).await();
    }
  }
}
