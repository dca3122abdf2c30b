package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.metrics.Meters;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inference verticle's meters, read from the registry SutazAI's meters go to: what a generation,
 * a waiting queue, each kind of rejection and the cache add, and that the meters leave with the verticle.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceMetersTest {

  private static final JsonObject DETERMINISTIC =
      new JsonObject().put("options", new JsonObject().put("temperature", 0));

  private final MeterRegistry registry = Meters.registry();

  /** Verifies that one generation records its tokens, first token, queue wait and Ollama duration. */
  @Test
  void aGenerationRecordsItsTokensAndTimings(Vertx vertx) throws InterruptedException {
    InferenceHarness harness = InferenceHarness.start(vertx,
        new FakeOllamaOptions().tokensPerAnswer(7).tokenDelayMs(5).firstTokenDelayMs(50), InferenceHarness.config(1, 10));

    harness.chat("count to seven", Priority.HIGH).awaitDone();

    assertThat(registry.get(InferenceMeters.TOKENS).tag("model", "tinyllama").counter().count()).isEqualTo(7);
    Timer firstToken = registry.get(InferenceMeters.TIME_TO_FIRST_TOKEN).timer();
    assertThat(firstToken.count()).isEqualTo(1);
    assertThat(firstToken.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    assertThat(registry.get(InferenceMeters.QUEUE_WAIT).tag("priority", "high").timer().count()).isEqualTo(1);
    assertThat(registry.get(InferenceMeters.QUEUE_WAIT).tag("priority", "low").timer().count()).isZero();
    Timer ollama = registry.get(InferenceMeters.OLLAMA_REQUEST_DURATION).tag("model", "tinyllama").timer();
    assertThat(ollama.count()).isEqualTo(1);
    assertThat(ollama.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    assertSettlesAt(() -> gauge(InferenceMeters.IN_FLIGHT), 0);
  }

  /** Verifies that a model Ollama does not have gets no per-model series, so that label stays bounded. */
  @Test
  void aModelOllamaRefusesGetsNoSeries(Vertx vertx) {
    InferenceHarness harness = InferenceHarness.start(vertx, new FakeOllamaOptions(), InferenceHarness.config(1, 10));
    JsonObject body = new JsonObject().put("messages",
        new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")));

    harness.submit(InferenceHarness.request("nope", InferenceKind.CHAT, "no-such-model", Priority.NORMAL, 0, body)
        .toJson()).awaitProblem();

    assertThat(registry.find(InferenceMeters.TOKENS).tag("model", "no-such-model").counter()).isNull();
    assertThat(registry.find(InferenceMeters.OLLAMA_REQUEST_DURATION).tag("model", "no-such-model").timer()).isNull();
  }

  /** Verifies that the depth and in-flight gauges follow the queue, and each refusal counts under its reason. */
  @Test
  void gaugesFollowTheQueueAndRejectionsCountByReason(Vertx vertx) throws InterruptedException {
    InferenceHarness harness = InferenceHarness.start(vertx,
        new FakeOllamaOptions().tokensPerAnswer(200).tokenDelayMs(50), InferenceHarness.config(1, 2));
    RequestEvents holder = harness.chat("holder", Priority.NORMAL);
    harness.fake().recorder().waitForStarted(1, 10_000).await();
    RequestEvents expiring = harness.chat("expiring", Priority.LOW, 1_500);
    RequestEvents cancelled = harness.chat("cancelled", Priority.LOW);

    assertThat(gauge(InferenceMeters.IN_FLIGHT)).isEqualTo(1);
    assertThat(depth("low")).isEqualTo(2);
    assertThat(depth("normal")).isZero();
    harness.submitExpectingRefusal(InferenceHarness.request("refused", InferenceKind.CHAT, "tinyllama",
        Priority.LOW, 0, new JsonObject()).toJson()).refusal();
    harness.cancel(cancelled.id());
    cancelled.awaitProblem();
    expiring.awaitProblem();
    harness.cancel(holder.id());
    holder.awaitProblem();

    assertThat(rejections("full")).isEqualTo(1);
    assertThat(rejections("deadline")).isEqualTo(1);
    assertSettlesAt(() -> rejections("cancelled"), 2);
    assertThat(depth("low")).isZero();
    assertSettlesAt(() -> gauge(InferenceMeters.IN_FLIGHT), 0);
  }

  /**
   * Asserts that {@code meter} reaches {@code expected} within 5 s: the client hears of a request's end
   * before the scheduler has freed its slot and counted how it ended.
   */
  private static void assertSettlesAt(DoubleSupplier meter, double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (meter.getAsDouble() != expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(meter.getAsDouble()).isEqualTo(expected);
  }

  /** Verifies that cache lookups count as inference hits and misses. */
  @Test
  void cacheLookupsCountAsHitsAndMisses(Vertx vertx) {
    InMemoryCacheResponder cache = InMemoryCacheResponder.start(vertx);
    InferenceHarness harness = InferenceHarness.start(vertx,
        new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(1), InferenceHarness.config(1, 10));

    harness.chat("cache me", Priority.NORMAL, DETERMINISTIC).awaitDone();
    cache.awaitPuts(1, 10_000);
    harness.chat("cache me", Priority.NORMAL, DETERMINISTIC).awaitDone();
    harness.chat("cache me too", Priority.NORMAL, DETERMINISTIC).awaitDone();

    assertThat(cacheRequests("hit")).isEqualTo(1);
    assertThat(cacheRequests("miss")).isEqualTo(2);
  }

  /** Verifies that undeploying the verticle removes its meters, so a redeployed one starts afresh. */
  @Test
  void metersLeaveWithTheVerticle(Vertx vertx) {
    InferenceHarness.start(vertx, new FakeOllamaOptions(), InferenceHarness.config(1, 10));
    assertThat(registry.find(InferenceMeters.QUEUE_DEPTH).gauges()).hasSize(Priority.values().length);
    assertThat(gauge(InferenceMeters.QUEUE_CAPACITY)).as("each level's bound").isEqualTo(10);

    vertx.deploymentIDs().forEach(id -> vertx.undeploy(id).await());

    assertThat(registry.find(InferenceMeters.QUEUE_DEPTH).gauges()).isEmpty();
    assertThat(registry.find(InferenceMeters.QUEUE_CAPACITY).gauges()).isEmpty();
    assertThat(registry.find(InferenceMeters.REJECTIONS).counters()).isEmpty();
    assertThat(registry.find("sutazai.cache.requests").counters()).isEmpty();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double depth(String priority) {
    return registry.get(InferenceMeters.QUEUE_DEPTH).tag("priority", priority).gauge().value();
  }

  private double rejections(String reason) {
    return registry.get(InferenceMeters.REJECTIONS).tag("reason", reason).counter().count();
  }

  private double cacheRequests(String result) {
    return registry.get("sutazai.cache.requests").tag("kind", "inference").tag("result", result).counter().count();
  }
}
