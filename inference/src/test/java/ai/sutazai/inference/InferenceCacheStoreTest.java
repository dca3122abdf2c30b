package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which requests touch the inference cache and which answers it keeps. Where nothing may be stored,
 * a later deterministic "marker" request is stored instead: its store arriving alone proves no
 * earlier one was sent.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceCacheStoreTest {

  private static final JsonObject DETERMINISTIC =
      new JsonObject().put("options", new JsonObject().put("temperature", 0));

  private static InferenceHarness harness(Vertx vertx, FakeOllamaOptions fake, JsonObject config) {
    return InferenceHarness.start(vertx, fake, config);
  }

  private static InferenceHarness quickHarness(Vertx vertx) {
    return harness(vertx, new FakeOllamaOptions().tokensPerAnswer(4).tokenDelayMs(1), InferenceHarness.config(1, 10));
  }

  /** Sends the marker and waits until it is the {@code expectedPuts}-th store; returns its lookup key. */
  private static String storeMarker(InferenceHarness harness, InMemoryCacheResponder cache, int expectedPuts) {
    harness.fake().options().tokensPerAnswer(2).tokenDelayMs(1);
    harness.chat("marker", Priority.NORMAL, DETERMINISTIC).awaitDone();
    cache.awaitPuts(expectedPuts, 10_000);
    return cache.gets().get(cache.gets().size() - 1);
  }

  /** Verifies that sampled chats and embeddings never look in the cache nor store their answers. */
  @Test
  void sampledRequestsNeverTouchTheCache(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx);
    InferenceHarness harness = quickHarness(vertx);

    harness.chat("sampled", Priority.NORMAL, new JsonObject().put("options", new JsonObject().put("temperature", 0.7)))
        .awaitDone();
    harness.chat("no options", Priority.NORMAL).awaitDone();
    harness.submit(InferenceHarness.request("embed", InferenceKind.EMBED, "nomic-embed-text", Priority.NORMAL, 0,
        DETERMINISTIC.copy().put("input", new JsonArray().add("sky"))).toJson()).awaitDone();
    String markerKey = storeMarker(harness, cache, 1);

    assertThat(cache.gets()).containsExactly(markerKey);
    assertThat(cache.puts()).extracting(InMemoryCacheResponder.Put::key).containsExactly(markerKey);
  }

  /** Verifies that {@code "cache": false} keeps a deterministic chat away from the cache: Ollama answers each time. */
  @Test
  void cacheFalseOptsOutAtTemperatureZero(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx);
    InferenceHarness harness = quickHarness(vertx);
    JsonObject optedOut = DETERMINISTIC.copy().put("cache", false);

    harness.chat("opted out", Priority.NORMAL, optedOut).awaitDone();
    harness.chat("opted out", Priority.NORMAL, optedOut).awaitDone();
    String markerKey = storeMarker(harness, cache, 1);

    assertThat(cache.gets()).containsExactly(markerKey);
    assertThat(harness.fake().recorder().started()).containsExactly("opted out", "opted out", "marker");
  }

  /** Verifies that an answer above cache.max_answer_bytes is not stored, while a smaller one is. */
  @Test
  void oversizedAnswerIsNotStored(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx);
    JsonObject config = InferenceHarness.config(1, 10).put("cache", new JsonObject().put("max_answer_bytes", 1024));
    InferenceHarness harness = harness(vertx, new FakeOllamaOptions().tokensPerAnswer(400).tokenDelayMs(0), config);

    RequestEvents big = harness.chat("a long story", Priority.NORMAL, DETERMINISTIC);
    big.awaitDone();
    String markerKey = storeMarker(harness, cache, 1);

    assertThat(big.text().length()).isGreaterThan(1024);
    assertThat(cache.puts()).extracting(InMemoryCacheResponder.Put::key).containsExactly(markerKey);
    assertThat(cache.gets()).hasSize(2);
  }

  /** Verifies that a generation that fails mid-stream is not stored, and is asked of Ollama again. */
  @Test
  void failedGenerationIsNotStored(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx);
    InferenceHarness harness = quickHarness(vertx);
    harness.fake().faults().errorMidStream(1, 2, "model runner crashed");

    assertThat(harness.chat("fragile", Priority.NORMAL, DETERMINISTIC).awaitProblem().type())
        .isEqualTo(ProblemType.OLLAMA_ERROR.uri());
    String markerKey = storeMarker(harness, cache, 1);
    JsonObject retried = harness.chat("fragile", Priority.NORMAL, DETERMINISTIC).awaitDone();

    assertThat(cache.puts().get(0).key()).isEqualTo(markerKey);
    assertThat(retried.containsKey("cached")).isFalse();
    assertThat(harness.fake().recorder().started()).containsExactly("fragile", "marker", "fragile");
  }

  /** Verifies that generations ended by a cancellation or by their deadline are not stored. */
  @Test
  void cancelledAndExpiredGenerationsAreNotStored(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx);
    InferenceHarness harness = harness(vertx, new FakeOllamaOptions().tokensPerAnswer(100).tokenDelayMs(20),
        InferenceHarness.config(1, 10));

    RequestEvents cancelled = harness.chat("cancelled", Priority.NORMAL, DETERMINISTIC);
    cancelled.started().await();
    harness.cancel(cancelled.id());
    assertThat(cancelled.awaitProblem().type()).isEqualTo(ProblemType.CANCELLED.uri());
    RequestEvents expired = harness.chat("expired", Priority.NORMAL, 300, DETERMINISTIC);
    assertThat(expired.awaitProblem().type()).isEqualTo(ProblemType.DEADLINE_EXCEEDED.uri());
    String markerKey = storeMarker(harness, cache, 1);

    assertThat(cache.puts()).extracting(InMemoryCacheResponder.Put::key).containsExactly(markerKey);
    assertThat(cache.gets()).hasSize(3);
  }

  /** Verifies that the {@code cache} member never reaches Ollama, whatever its value. */
  @Test
  void cacheMemberIsNotForwardedToOllama(Vertx vertx) {
    InferenceHarness harness = harness(vertx, new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(1),
        InferenceHarness.config(1, 10));

    harness.chat("asked", Priority.NORMAL, new JsonObject().put("cache", true)).awaitDone();
    harness.chat("declined", Priority.NORMAL, DETERMINISTIC.copy().put("cache", false)).awaitDone();

    List<JsonObject> bodies = harness.fake().recorder().generationBodies();
    assertThat(bodies).hasSize(2).allSatisfy(body -> {
      assertThat(body.fieldNames()).doesNotContain("cache").contains("model", "messages", "stream");
    });
    assertThat(bodies.get(1).getJsonObject("options")).isEqualTo(DETERMINISTIC.getJsonObject("options"));
  }
}
