package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.inference.cache.InferenceCache;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cache that is missing or slow costs a lookup at most: Ollama answers as if there were no cache. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceCacheOutageTest {

  private static final JsonObject DETERMINISTIC =
      new JsonObject().put("options", new JsonObject().put("temperature", 0));

  private static InferenceHarness harness(Vertx vertx) {
    return InferenceHarness.start(vertx, new FakeOllamaOptions().tokensPerAnswer(4).tokenDelayMs(1),
        InferenceHarness.config(1, 10));
  }

  /** Verifies that without a storage verticle deterministic chats are answered by Ollama, each counted a miss. */
  @Test
  void noCacheResponderMeansOllamaAnswers(Vertx vertx) {
    InferenceHarness harness = harness(vertx);

    RequestEvents first = harness.chat("no storage", Priority.NORMAL, DETERMINISTIC);
    RequestEvents second = harness.chat("no storage", Priority.NORMAL, DETERMINISTIC);

    assertThat(first.awaitDone().containsKey("cached")).isFalse();
    assertThat(second.awaitDone().containsKey("cached")).isFalse();
    assertThat(second.text()).isEqualTo(FakeOllama.answer(4));
    assertThat(harness.fake().recorder().started()).containsExactly("no storage", "no storage");
    assertThat(harness.status().getJsonObject("cache"))
        .isEqualTo(new JsonObject().put("hits", 0).put("misses", 2).put("stores", 0));
  }

  /** Verifies that a lookup the cache does not answer in time is given up, and the request goes to Ollama. */
  @Test
  void slowLookupIsGivenUp(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx).delayLookups(5_000);
    InferenceHarness harness = harness(vertx);

    long submitted = System.nanoTime();
    RequestEvents chat = harness.chat("slow storage", Priority.NORMAL, DETERMINISTIC);
    long ackMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
    JsonObject done = chat.awaitDone();
    long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
    cache.awaitPuts(1, 10_000);

    assertThat(ackMs).isBetween(InferenceCache.LOOKUP_TIMEOUT_MS, 2_000L);
    assertThat(answeredMs).isLessThan(4_000);
    assertThat(done.containsKey("cached")).isFalse();
    assertThat(chat.text()).isEqualTo(FakeOllama.answer(4));
    assertThat(done.getJsonObject("timings").getLong("queue_ms"))
        .isGreaterThanOrEqualTo(InferenceCache.LOOKUP_TIMEOUT_MS);
    assertThat(cache.puts()).singleElement().extracting(InMemoryCacheResponder.Put::key).isEqualTo(cache.gets().get(0));
  }
}
