package ai.sutazai.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.cache.CacheKeys;
import ai.sutazai.verticles.inference.InferenceKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour every {@link KeyValueCache} shares; each subclass runs it against one store. Keys
 * carry a prefix unique to the test and are deleted afterwards.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class KeyValueCacheContract {

  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofMillis(300);

  private final String prefix = "test:" + UUID.randomUUID() + ":";
  private final List<String> usedKeys = Collections.synchronizedList(new ArrayList<>());
  protected Vertx vertx;
  protected KeyValueCache cache;

  /** Opens the cache under test. */
  protected abstract Future<KeyValueCache> openCache(Vertx vertx);

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    this.cache = openCache(vertx).await();
  }

  @AfterEach
  void cleanUp() {
    for (String key : usedKeys) {
      cache.delete(key).await();
    }
    cache.close().await();
  }

  protected String key(String name) {
    return track(prefix + name);
  }

  protected String track(String key) {
    usedKeys.add(key);
    return key;
  }

  /** Verifies that an absent key is a miss and a stored value is a hit until replaced. */
  @Test
  void missThenHitThenReplaced() {
    String key = key("answer");

    assertThat(cache.get(key).await()).isNull();
    cache.put(key, "{\"content\":\"hello\"}", LONG).await();
    assertThat(cache.get(key).await()).isEqualTo("{\"content\":\"hello\"}");
    cache.put(key, "second", LONG).await();
    assertThat(cache.get(key).await()).isEqualTo("second");
  }

  /** Verifies that delete removes a value and says whether there was one. */
  @Test
  void deleteRemovesTheValue() {
    String key = key("gone");
    cache.put(key, "v", LONG).await();

    assertThat(cache.delete(key).await()).isTrue();
    assertThat(cache.get(key).await()).isNull();
    assertThat(cache.delete(key).await()).isFalse();
  }

  /** Verifies that a value disappears after its TTL while a longer-lived one stays. */
  @Test
  void valueExpiresAfterItsTtl() {
    String shortLived = key("short");
    String longLived = key("long");
    cache.put(shortLived, "soon gone", SHORT).await();
    cache.put(longLived, "stays", LONG).await();

    awaitTrue(() -> cache.get(shortLived).map(value -> value == null));
    assertThat(cache.get(longLived).await()).isEqualTo("stays");
  }

  /** Verifies that an answer cached under its inference key is found for the same question in another key order. */
  @Test
  void inferenceKeyFindsTheSameQuestionAgain() {
    String model = "test-model-" + UUID.randomUUID();
    JsonObject asked = new JsonObject()
        .put("messages", List.of(new JsonObject().put("role", "user").put("content", "hi")))
        .put("options", new JsonObject().put("temperature", 0).put("seed", 7));
    JsonObject reordered = new JsonObject()
        .put("options", new JsonObject().put("seed", 7).put("temperature", 0.0))
        .put("messages", List.of(new JsonObject().put("content", "hi").put("role", "user")));
    JsonObject other = asked.copy().put("options", new JsonObject().put("temperature", 0).put("seed", 8));
    String key = track(CacheKeys.inference(InferenceKind.CHAT, model, asked));

    cache.put(key, "cached answer", CacheKeys.INFERENCE_TTL).await();

    assertThat(key).startsWith("cache:ollama:inference:" + model + ":");
    assertThat(cache.get(CacheKeys.inference(InferenceKind.CHAT, model, reordered)).await())
        .isEqualTo("cached answer");
    assertThat(cache.get(CacheKeys.inference(InferenceKind.CHAT, model, other)).await()).isNull();
    assertThat(cache.get(CacheKeys.inference(InferenceKind.GENERATE, model, asked)).await()).isNull();
  }

  /** Verifies that 200 concurrent increments from many threads count exactly 1..200. */
  @Test
  void concurrentIncrementsCountExactly() throws InterruptedException {
    String key = key("ratelimit");
    List<Future<Long>> counts = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int i = 0; i < 200; i++) {
        threads.execute(() -> {
          awaitLatch(go);
          counts.add(cache.incrementWithExpiry(key, LONG));
        });
      }
      go.countDown();
    } finally {
      threads.shutdown();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    List<Long> results = Future.all(counts).await().<Long>list();

    assertThat(results).containsExactlyInAnyOrderElementsOf(
        LongStream.rangeClosed(1, 200).boxed().toList());
    assertThat(cache.get(key).await()).isEqualTo("200");
  }

  /** Verifies that later increments keep the first window's expiry and the count restarts after it. */
  @Test
  void counterWindowIsSetByTheFirstIncrement() {
    String key = key("window");

    assertThat(cache.incrementWithExpiry(key, Duration.ofMillis(1500)).await()).isEqualTo(1L);
    assertThat(cache.incrementWithExpiry(key, LONG).await()).isEqualTo(2L);
    awaitTrue(() -> cache.get(key).map(value -> value == null));
    assertThat(cache.incrementWithExpiry(key, LONG).await()).isEqualTo(1L);
  }

  /** Polls {@code check} until it answers true, failing after 10 seconds. */
  protected void awaitTrue(Supplier<Future<Boolean>> check) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!check.get().await()) {
      assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
      vertx.timer(25).await();
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
