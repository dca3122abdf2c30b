package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way Ollama can fail, and the problem each becomes; the slot is free afterwards each time. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OllamaErrorMappingTest {

  private static final String BUSY = "server busy, please try again.  maximum pending requests exceeded";

  private static InferenceHarness start(Vertx vertx, int busyRetries) {
    JsonObject config = InferenceHarness.config(1, 10);
    config.getJsonObject("ollama").put("busy_retries", busyRetries);
    return InferenceHarness.start(vertx, new FakeOllamaOptions().tokensPerAnswer(4).tokenDelayMs(2), config);
  }

  private static void assertSlotFree(InferenceHarness harness) {
    JsonObject status = harness.ask(InferenceAddresses.STATUS, new JsonObject()).await();
    assertThat(status.getInteger("in_flight")).isZero();
    assertThat(harness.chat("afterwards", Priority.NORMAL).awaitDone().getString("type")).isEqualTo("done");
  }

  /** Verifies that an unknown model ends with 404 model-not-found carrying Ollama's own message. */
  @Test
  void unknownModelIs404WithOllamasMessage(Vertx vertx) {
    InferenceHarness harness = start(vertx, 0);
    RequestEvents events = harness.submit(InferenceHarness.request("x", InferenceKind.CHAT, "llama9", Priority.NORMAL,
        0, new JsonObject().put("messages", new JsonArray())).toJson());

    Problem problem = events.awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.MODEL_NOT_FOUND.uri());
    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.detail()).isEqualTo("model \"llama9\" not found, try pulling it first");
    assertThat(events.types()).containsExactly("error");
    assertSlotFree(harness);
  }

  /** Verifies that Ollama's 503 busy is retried with backoff and the request then succeeds. */
  @Test
  void busyIsRetriedThenSucceeds(Vertx vertx) {
    InferenceHarness harness = start(vertx, 3);
    harness.fake().faults().failNextWithError(2, 503, BUSY);

    long start = System.nanoTime();
    RequestEvents events = harness.chat("patient", Priority.NORMAL);
    events.awaitDone();

    assertThat(harness.fake().recorder().requestCount("/api/chat")).isEqualTo(3);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
  }

  /** Verifies that when Ollama stays busy past the retries the request ends with 503 ollama-busy. */
  @Test
  void busyAfterRetriesIs503(Vertx vertx) {
    InferenceHarness harness = start(vertx, 2);
    harness.fake().faults().failNextWithError(3, 503, BUSY);

    Problem problem = harness.chat("unlucky", Priority.NORMAL).awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.OLLAMA_BUSY.uri());
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).contains("server busy").contains("2 retries");
    assertThat(harness.fake().recorder().requestCount("/api/chat")).isEqualTo(3);
    assertSlotFree(harness);
  }

  /** Verifies that a refused connection ends with 503 saying Ollama is not reachable at its URL. */
  @Test
  void connectionRefusedIs503NamingTheUrl(Vertx vertx) {
    NetServer placeholder = vertx.createNetServer().connectHandler(socket -> socket.close()).listen(0, "127.0.0.1")
        .await();
    int closedPort = placeholder.actualPort();
    placeholder.close().await();
    String url = "http://127.0.0.1:" + closedPort;
    JsonObject config = InferenceHarness.config(1, 10);
    config.getJsonObject("ollama").put("url", url);
    InferenceHarness harness = InferenceHarness.start(vertx, new FakeOllamaOptions(), config);

    Problem problem = harness.chat("nobody home", Priority.NORMAL).awaitProblem();
    JsonObject status = harness.ask(InferenceAddresses.STATUS, new JsonObject()).await();

    assertThat(problem.type()).isEqualTo(ProblemType.OLLAMA_UNREACHABLE.uri());
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).startsWith("Ollama is not reachable at " + url + ": ");
    assertThat(status.getInteger("in_flight")).isZero();
    assertThat(status.getJsonObject("ollama").getBoolean("reachable")).isFalse();
    assertThat(status.getJsonObject("ollama").getString("error")).startsWith("Ollama is not reachable at " + url);
  }

  /** Verifies that an error line in the middle of a stream ends the request with an error event after its tokens. */
  @Test
  void midStreamErrorLineBecomesAnErrorEvent(Vertx vertx) {
    InferenceHarness harness = start(vertx, 0);
    harness.fake().faults().errorMidStream(1, 2, "model runner has unexpectedly stopped");

    RequestEvents events = harness.chat("fragile", Priority.NORMAL);
    Problem problem = events.awaitProblem();

    assertThat(events.types()).containsExactly("started", "token", "token", "error");
    assertThat(problem.type()).isEqualTo(ProblemType.OLLAMA_ERROR.uri());
    assertThat(problem.status()).isEqualTo(502);
    assertThat(problem.detail()).contains("model runner has unexpectedly stopped");
    assertSlotFree(harness);
  }

  /** Verifies that another 4xx from Ollama is an invalid request carrying Ollama's message. */
  @Test
  void other4xxIsInvalidRequest(Vertx vertx) {
    InferenceHarness harness = start(vertx, 0);
    harness.fake().faults().failNextWithError(1, 400, "option \"temperature\" must be a number");

    Problem problem = harness.chat("odd options", Priority.NORMAL).awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail()).contains("option \"temperature\" must be a number");
    assertSlotFree(harness);
  }

  /** Verifies that another 5xx from Ollama is a 502 Ollama failure carrying its message. */
  @Test
  void other5xxIsOllamaError(Vertx vertx) {
    InferenceHarness harness = start(vertx, 3);
    harness.fake().faults().failNextWithError(1, 500, "llama runner process has terminated");

    Problem problem = harness.chat("crash", Priority.NORMAL).awaitProblem();

    assertThat(problem.type()).isEqualTo(ProblemType.OLLAMA_ERROR.uri());
    assertThat(problem.status()).isEqualTo(502);
    assertThat(problem.detail()).contains("llama runner process has terminated");
    assertThat(harness.fake().recorder().requestCount("/api/chat")).isEqualTo(1);
    assertSlotFree(harness);
  }

  /** Verifies that the fake's real busy answer (its wait line full) is retried until a slot frees. */
  @Test
  void ollamasOwnBusyAnswerIsRetried(Vertx vertx) {
    JsonObject config = InferenceHarness.config(2, 10);
    config.getJsonObject("ollama").put("busy_retries", 6);
    InferenceHarness harness = InferenceHarness.start(vertx,
        new FakeOllamaOptions().maxQueue(0).tokensPerAnswer(5).tokenDelayMs(40), config);

    RequestEvents first = harness.chat("first", Priority.NORMAL);
    harness.fake().recorder().waitForStarted(1, 10_000).await();
    RequestEvents second = harness.chat("second", Priority.NORMAL);

    first.awaitDone();
    second.awaitDone();
    assertThat(harness.fake().recorder().started()).containsExactly("first", "second");
    assertThat(harness.fake().recorder().requestCount("/api/chat")).isGreaterThan(2);
  }
}
