package ai.sutazai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests that succeed: events in order, usage and timings, generate, embed and model routing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InferenceStreamingTest {

  private InferenceHarness harness;

  @BeforeEach
  void start(Vertx vertx) {
    harness = InferenceHarness.start(vertx, new FakeOllamaOptions().tokensPerAnswer(6).tokenDelayMs(5),
        InferenceHarness.config(1, 10));
  }

  /** Verifies that a chat yields started, every token in order, then done with usage, timings and Ollama's line. */
  @Test
  void tokensArriveInOrderAndDoneCarriesUsageAndTimings() {
    RequestEvents chat = harness.chat("tell me a story", Priority.NORMAL);

    JsonObject done = chat.awaitDone();

    assertThat(chat.types()).containsExactly("started", "token", "token", "token", "token", "token", "token", "done");
    assertThat(chat.text()).isEqualTo(FakeOllama.answer(6));
    assertThat(chat.events().get(0).getString("model")).isEqualTo("tinyllama");
    assertThat(done.getString("done_reason")).isEqualTo("stop");
    assertThat(done.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(4);
    assertThat(done.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(6);
    JsonObject timings = done.getJsonObject("timings");
    assertThat(timings.getLong("queue_ms")).isGreaterThanOrEqualTo(0);
    assertThat(timings.getLong("ttft_ms")).isGreaterThanOrEqualTo(timings.getLong("queue_ms"));
    assertThat(timings.getLong("total_ms")).isGreaterThanOrEqualTo(timings.getLong("ttft_ms"))
        .isGreaterThanOrEqualTo(25);
    JsonObject ollama = done.getJsonObject("ollama");
    assertThat(ollama.getInteger("eval_count")).isEqualTo(6);
    assertThat(ollama.fieldNames()).contains("total_duration", "load_duration", "prompt_eval_duration")
        .doesNotContain("message", "response");
  }

  /** Verifies that generate streams tokens (even when the caller wants a whole answer) and keeps the context. */
  @Test
  void generateAlwaysStreamsFromOllama() {
    InferenceRequest request = InferenceHarness.request("gen", InferenceKind.GENERATE, "tinyllama", Priority.HIGH, 0,
        new JsonObject().put("prompt", "why is the sky blue").put("stream", false));

    RequestEvents events = harness.submit(request.toJson());
    JsonObject done = events.awaitDone();

    assertThat(events.text()).isEqualTo(FakeOllama.answer(6));
    assertThat(done.getJsonObject("ollama").getJsonArray("context")).isNotEmpty();
    assertThat(harness.fake().recorder().started()).containsExactly("why is the sky blue");
  }

  /** Verifies that an embed request ends with done carrying one vector per input. */
  @Test
  void embedReturnsVectors() {
    InferenceRequest request = InferenceHarness.request("emb", InferenceKind.EMBED, "nomic-embed-text",
        Priority.NORMAL, 0, new JsonObject().put("input", new JsonArray().add("sky").add("grass")));

    RequestEvents events = harness.submit(request.toJson());
    JsonObject done = events.awaitDone();

    assertThat(events.types()).containsExactly("started", "done");
    assertThat(done.getJsonArray("embeddings")).hasSize(2);
    assertThat(done.getJsonArray("embeddings").getJsonArray(0).encode())
        .isEqualTo(FakeOllama.vector("sky", 8).encode());
    assertThat(done.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(2);
    assertThat(done.getJsonObject("ollama").containsKey("embeddings")).isFalse();
  }

  /** Verifies that a request without a model goes to the routing table's model for its model_type. */
  @Test
  void modelTypeRoutesToTheConfiguredModel() {
    JsonObject wire = InferenceHarness.request("code", InferenceKind.CHAT, null, Priority.NORMAL, 0,
        new JsonObject().put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "x"))))
        .toJson().put("model_type", "coding");

    JsonObject done = harness.submit(wire).awaitDone();

    assertThat(done.getString("model")).isEqualTo("deepseek-coder:6.7b-instruct-q4_K_M");
  }

  /** Verifies that an unknown model_type, kind or priority and a missing field are refused with 400 naming it. */
  @Test
  void invalidRequestsAreRefused() {
    JsonObject unknownType = InferenceHarness.request("bad", InferenceKind.CHAT, null, Priority.NORMAL, 0,
        new JsonObject()).toJson().put("model_type", "poetry");
    JsonObject noReplyAddress = new JsonObject().put("id", "x").put("kind", "chat");
    JsonObject badKind = unknownType.copy().put("kind", "poem");
    JsonObject badPriority = unknownType.copy().put("priority", "urgent");

    Problem typeProblem = harness.submitExpectingRefusal(unknownType).refusal();
    Problem missingProblem = harness.submitExpectingRefusal(noReplyAddress).refusal();
    Problem kindProblem = harness.submitExpectingRefusal(badKind).refusal();
    Problem priorityProblem = harness.submitExpectingRefusal(badPriority).refusal();

    assertThat(typeProblem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(typeProblem.status()).isEqualTo(400);
    assertThat(typeProblem.detail()).contains("poetry");
    assertThat(missingProblem.status()).isEqualTo(400);
    assertThat(missingProblem.detail()).contains("reply_address");
    assertThat(kindProblem.detail()).startsWith("'kind'").contains("poem");
    assertThat(priorityProblem.status()).isEqualTo(400);
    assertThat(priorityProblem.detail()).startsWith("'priority'").contains("urgent");
  }

  /** Verifies that STATUS reports every level, the slot use and a live Ollama probe. */
  @Test
  void statusReportsLevelsAndOllama() {
    JsonObject status = harness.ask(InferenceAddresses.STATUS, new JsonObject()).await();

    assertThat(status.getJsonObject("levels").fieldNames())
        .containsExactlyInAnyOrder("critical", "high", "normal", "low");
    assertThat(status.getJsonObject("levels").getJsonObject("low"))
        .isEqualTo(new JsonObject().put("depth", 0).put("capacity", 10));
    assertThat(status.getInteger("queued")).isZero();
    assertThat(status.getInteger("in_flight")).isZero();
    assertThat(status.getInteger("parallel")).isEqualTo(1);
    assertThat(status.getJsonObject("ollama")).isEqualTo(new JsonObject()
        .put("url", harness.fake().url()).put("reachable", true).put("version", "0.6.1"));
  }

  /** Verifies that a second InferenceVerticle refuses to start beside the first. */
  @Test
  void onlyOneInstanceOwnsTheQueue(Vertx vertx) {
    Future<String> second = vertx.deployVerticle(new InferenceVerticle(), new DeploymentOptions());

    Throwable failure = second.transform(result -> Future.succeededFuture(result.cause())).await();

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one instance");
    assertThat(harness.chat("still works", Priority.LOW).awaitDone().getString("type")).isEqualTo(InferenceEvent.DONE);
  }
}
