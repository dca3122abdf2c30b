package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deadlines and cancellation, queued and running: the slot frees at once and Ollama sees the hang-up. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceDeadlineAndCancelTest {

  private InferenceHarness harness;

  /** One slot; every answer takes about five seconds unless a test shortens it. */
  @BeforeEach
  void start(Vertx vertx) {
    harness = InferenceHarness.start(vertx, new FakeOllamaOptions().tokensPerAnswer(100).tokenDelayMs(50),
        InferenceHarness.config(1, 10));
  }

  private JsonObject status() {
    return harness.ask(InferenceAddresses.STATUS, new JsonObject()).await();
  }

  /** Verifies that a request whose deadline passes while queued leaves the queue with 504 and never reaches Ollama. */
  @Test
  void deadlineWhileQueued() {
    RequestEvents holder = harness.chat("holder", Priority.NORMAL);
    harness.fake().recorder().waitForStarted(1, 10_000).await();

    RequestEvents late = harness.chat("late", Priority.CRITICAL, 300);
    Problem problem = late.awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.DEADLINE_EXCEEDED.uri());
    assertThat(problem.status()).isEqualTo(504);
    assertThat(problem.detail()).contains("300 ms").contains("queued");
    assertThat(late.types()).containsExactly("error");
    assertThat(status().getInteger("queued")).isZero();
    harness.cancel(holder.id());
    holder.awaitProblem();
    assertThat(harness.fake().recorder().started()).containsExactly("holder");
  }

  /** Verifies that a request whose deadline passes while generating ends with 504 and Ollama sees the hang-up. */
  @Test
  void deadlineWhileRunning() {
    RequestEvents slow = harness.chat("slow", Priority.NORMAL, 500);

    Problem problem = slow.awaitProblem();

    assertThat(problem.status()).isEqualTo(504);
    assertThat(problem.detail()).contains("500 ms").contains("while generating");
    assertThat(slow.types()).startsWith("started", "token").endsWith("error");
    harness.fake().recorder().waitForHangUps(1, 10_000).await();
    assertThat(harness.fake().recorder().hungUp()).containsExactly("slow");
    assertThat(status().getInteger("in_flight")).isZero();
  }

  /** Verifies that cancelling a queued request removes it: it ends cancelled and Ollama never sees it. */
  @Test
  void cancelQueuedRemovesIt() {
    RequestEvents holder = harness.chat("holder", Priority.NORMAL);
    harness.fake().recorder().waitForStarted(1, 10_000).await();
    harness.fake().options().tokensPerAnswer(2).tokenDelayMs(1);
    RequestEvents doomed = harness.chat("doomed", Priority.HIGH);
    RequestEvents kept = harness.chat("kept", Priority.LOW);

    harness.cancel(doomed.id());
    Problem problem = doomed.awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.CANCELLED.uri());
    assertThat(problem.status()).isEqualTo(499);
    assertThat(status().getInteger("queued")).isEqualTo(1);
    harness.cancel(holder.id());
    kept.awaitDone();
    assertThat(harness.fake().recorder().started()).containsExactly("holder", "kept");
  }

  /** Verifies that cancelling a running request hangs up on Ollama and starts the next queued one at once. */
  @Test
  void cancelRunningFreesTheSlotAtOnce() {
    RequestEvents running = harness.chat("running", Priority.NORMAL);
    running.started().await();
    harness.fake().options().tokensPerAnswer(2).tokenDelayMs(1);
    RequestEvents next = harness.chat("next", Priority.LOW);

    long cancelledAt = System.nanoTime();
    harness.cancel(running.id());
    harness.fake().recorder().waitForStarted(2, 10_000).await();
    long nextStartedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);

    Problem problem = running.awaitProblem();
    assertThat(problem.type()).isEqualTo(ProblemType.CANCELLED.uri());
    assertThat(problem.detail()).contains("generating");
    harness.fake().recorder().waitForHangUps(1, 10_000).await();
    assertThat(harness.fake().recorder().hungUp()).containsExactly("running");
    assertThat(harness.fake().recorder().started()).containsExactly("running", "next");
    assertThat(nextStartedMs).isLessThan(2_000);
    assertThat(InferenceEvent.type(next.awaitDone())).isEqualTo(InferenceEvent.DONE);
  }

  /** Verifies that cancelling an unknown id changes nothing and says so to a caller who asks. */
  @Test
  void cancelUnknownIdIsHarmless() {
    JsonObject answer = harness.ask(InferenceAddresses.CANCEL, new JsonObject().put("id", "nobody")).await();

    assertThat(answer).isEqualTo(new JsonObject().put("cancelled", false));
    assertThat(status().getInteger("in_flight")).isZero();
  }
}
