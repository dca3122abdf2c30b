package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Ollama sees when requests queue: priority order, FIFO, bounded levels and bounded parallelism. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceQueueingTest {

  /** A fake whose next generation holds the slot for about three seconds. */
  private static FakeOllamaOptions slowFirstAnswer() {
    return new FakeOllamaOptions().tokensPerAnswer(60).tokenDelayMs(50);
  }

  /** Starts a request that holds the only slot, then makes later answers quick. */
  private static RequestEvents occupySlot(InferenceHarness harness) {
    RequestEvents holder = harness.chat("holder", Priority.NORMAL);
    harness.fake().recorder().waitForStarted(1, 10_000).await();
    harness.fake().options().tokensPerAnswer(2).tokenDelayMs(1);
    return holder;
  }

  /** Verifies that with the slot busy and low, normal and high waiting, critical goes next, FIFO within a level. */
  @Test
  void criticalIsNextAndEachLevelIsFifo(Vertx vertx) {
    InferenceHarness harness = InferenceHarness.start(vertx, slowFirstAnswer(), InferenceHarness.config(1, 10));
    RequestEvents holder = occupySlot(harness);

    List<RequestEvents> waiting = List.of(
        harness.chat("low-1", Priority.LOW),
        harness.chat("normal-1", Priority.NORMAL),
        harness.chat("high-1", Priority.HIGH),
        harness.chat("low-2", Priority.LOW),
        harness.chat("normal-2", Priority.NORMAL),
        harness.chat("high-2", Priority.HIGH),
        harness.chat("critical-1", Priority.CRITICAL));
    JsonObject status = harness.ask(InferenceAddresses.STATUS, new JsonObject()).await();
    holder.awaitDone();
    waiting.forEach(RequestEvents::awaitDone);

    assertThat(status.getInteger("queued")).isEqualTo(7);
    assertThat(status.getJsonObject("levels").getJsonObject("low").getInteger("depth")).isEqualTo(2);
    assertThat(harness.fake().recorder().started()).containsExactly(
        "holder", "critical-1", "high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2");
  }

  /** Verifies that a request finding its level full is refused at once with 429, without any Ollama call. */
  @Test
  void fullLevelIsRejectedAtOnce(Vertx vertx) {
    InferenceHarness harness = InferenceHarness.start(vertx, slowFirstAnswer(), InferenceHarness.config(1, 2));
    RequestEvents holder = occupySlot(harness);
    harness.chat("low-1", Priority.LOW);
    harness.chat("low-2", Priority.LOW);
    long ollamaCallsBefore = harness.fake().recorder().requestCount("/api/chat");

    long start = System.nanoTime();
    Problem refused = harness.submitExpectingRefusal(
        InferenceHarness.request("low-3", InferenceKind.CHAT, "tinyllama",
            Priority.LOW, 0, new JsonObject()).toJson()).refusal();
    long refusalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    RequestEvents normal = harness.chat("normal-1", Priority.NORMAL);

    assertThat(refused.type()).isEqualTo(ProblemType.QUEUE_FULL.uri());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.detail()).contains("low level");
    assertThat(refusalMs).isLessThan(1_000);
    assertThat(harness.fake().recorder().requestCount("/api/chat")).isEqualTo(ollamaCallsBefore);
    assertThat(normal.ack().await()).isEqualTo(new JsonObject().put("queued", true));
    holder.awaitDone();
    normal.awaitDone();
  }

  /** Verifies that never more than {@code parallel} generations run at Ollama at once, and that many do. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void neverMoreThanParallelInFlight(int parallel, Vertx vertx) {
    InferenceHarness harness = InferenceHarness.start(vertx,
        new FakeOllamaOptions().parallel(8).tokensPerAnswer(4).tokenDelayMs(40), InferenceHarness.config(parallel, 20));

    List<RequestEvents> requests = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      requests.add(harness.chat("r" + i, Priority.values()[i % 4]));
    }
    Future.all(requests.stream().map(RequestEvents::terminal).toList()).await();

    requests.forEach(RequestEvents::awaitDone);
    assertThat(harness.fake().recorder().started()).hasSize(8);
    assertThat(harness.fake().recorder().peakRunning()).isEqualTo(parallel);
  }
}
