package ai.sutazai.storage.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.storage.testing.RedisServerProcess;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sessions fail fast and visibly while their Redis is away, and work again when it is back. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionRedisOutageIT {

  /** Ten times the configured operation timeout: what "fast" means on a noisy machine. */
  private static final long QUICK_MS = 5_000;
  private static final Duration TTL = Duration.ofMinutes(1);
  private static final Map<String, String> ALICE = Map.of("user", "alice");

  private RedisServerProcess server;
  private SessionStore store;

  @BeforeEach
  void prepare() {
    server = new RedisServerProcess(RedisServerProcess.freePort());
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close().await();
    }
    server.close();
  }

  /** Verifies that with Redis stopped every session call fails quickly with storage-unavailable, and succeeds again after Redis restarts. */
  @Test
  void failsFastWhileRedisIsStoppedAndRecovers(Vertx vertx) {
    server.start();
    store = SessionStore.open(vertx, options()).await();
    store.put("s1", ALICE, TTL).await();

    server.stop();
    for (int i = 0; i < 3; i++) {
      assertFailsQuickly(() -> store.get("s1"));
      assertFailsQuickly(() -> store.put("s1", ALICE, TTL));
      assertFailsQuickly(() -> store.touch("s1", TTL));
      assertFailsQuickly(() -> store.delete("s1"));
    }

    server.start();
    awaitSucceeds(vertx, () -> store.get("s1"));
    assertThat(store.get("s1").await()).as("a fresh Redis has no old sessions").isEmpty();
    store.put("s1", ALICE, TTL).await();
    assertThat(store.get("s1").await()).isEqualTo(ALICE);
  }

  /** Verifies that a store opened while Redis is down fails its calls and works once Redis starts. */
  @Test
  void opensWithoutRedisAndWorksOnceItStarts(Vertx vertx) {
    store = SessionStore.open(vertx, options()).await();

    assertFailsQuickly(() -> store.put("s2", ALICE, TTL));

    server.start();
    awaitSucceeds(vertx, () -> store.put("s2", ALICE, TTL));
    assertThat(store.get("s2").await()).isEqualTo(ALICE);
  }

  /** Verifies that a frozen Redis (connections open, nothing answered) costs a call at most the operation timeout. */
  @Test
  void boundsCallsWhenRedisHangs(Vertx vertx) {
    server.start();
    store = SessionStore.open(vertx, options()).await();
    store.put("s3", ALICE, TTL).await();

    server.pause();
    assertFailsQuickly(() -> store.get("s3"));
    assertFailsQuickly(() -> store.touch("s3", TTL));

    server.resume();
    awaitSucceeds(vertx, () -> store.get("s3"));
    assertThat(store.get("s3").await()).isEqualTo(ALICE);
  }

  private CacheOptions options() {
    return new CacheOptions(server.url(), Duration.ofMillis(500), Duration.ofMillis(100),
        Duration.ofSeconds(1), 4, 100);
  }

  private static void assertFailsQuickly(Supplier<Future<?>> call) {
    long start = System.nanoTime();
    Throwable failure = call.get().transform(Future::succeededFuture).await().cause();
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMs).as("failed within %d ms", QUICK_MS).isLessThan(QUICK_MS);
    assertThat(failure).as("the call failed").isNotNull();
    assertThat(Problem.of(failure).type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
    assertThat(Problem.of(failure).status()).isEqualTo(503);
  }

  private static void awaitSucceeds(Vertx vertx, Supplier<Future<?>> call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (call.get().transform(Future::succeededFuture).await().failed()) {
      assertThat(System.nanoTime()).as("Redis used again within 20 s").isLessThan(deadline);
      vertx.timer(50).await();
    }
  }
}
