package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.HttpResult.SseEvent;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** SutazAI's own {@code POST /api/v1/chat}, as JSON and as server-sent events. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NativeChatTest {

  private static final List<String> TOKENS = List.of("The", " sky", " is", " blue", ".");

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 2));
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /** Verifies that a streaming chat sends every token in order as SSE, then done with usage and timings. */
  @Test
  void streamsEveryTokenInOrderAsServerSentEvents() throws Exception {
    HttpResult result = gateway.postJson("/api/v1/chat", TestGateway.chat("why blue?").put("stream", true));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(result.header("Cache-Control")).isEqualTo("no-store");
    assertThat(result.header("X-Accel-Buffering")).isEqualTo("no");
    List<SseEvent> events = result.events();
    assertThat(events.subList(0, TOKENS.size())).extracting(SseEvent::event).containsOnly("token");
    assertThat(events.subList(0, TOKENS.size())).extracting(e -> e.json().getString("content"))
        .containsExactlyElementsOf(TOKENS);
    SseEvent done = events.get(TOKENS.size());
    assertThat(done.event()).isEqualTo("done");
    assertThat(done.json().getString("id")).isEqualTo(gateway.fake().submitted().get(0).id());
    assertThat(done.json().getString("model")).isEqualTo("tinyllama:latest");
    assertThat(done.json().getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(TOKENS.size());
    assertThat(done.json().getJsonObject("timings").fieldNames()).contains("queue_ms", "ttft_ms", "total_ms");
    assertThat(events).hasSize(TOKENS.size() + 1);
  }

  /** Verifies that Accept: text/event-stream alone asks for the streaming form. */
  @Test
  void acceptHeaderSelectsServerSentEvents() throws Exception {
    HttpResult result = gateway.postJson("/api/v1/chat", TestGateway.chat("hi"),
        MultiMap.caseInsensitiveMultiMap().add("Accept", "text/event-stream"));

    assertThat(result.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(result.events()).last().extracting(SseEvent::event).isEqualTo("done");
  }

  /** Verifies that the non-streaming form returns the whole text with usage and timings. */
  @Test
  void answersWithTheWholeTextWhenNotStreaming() throws Exception {
    HttpResult result = gateway.postJson("/api/v1/chat", TestGateway.chat("why blue?"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).startsWith("application/json");
    JsonObject answer = result.json();
    assertThat(answer.getString("id")).isEqualTo(gateway.fake().submitted().get(0).id());
    assertThat(answer.getString("model")).isEqualTo("tinyllama:latest");
    assertThat(answer.getJsonObject("message"))
        .isEqualTo(new JsonObject().put("role", "assistant").put("content", "The sky is blue."));
    assertThat(answer.getString("done_reason")).isEqualTo("stop");
    assertThat(answer.getJsonObject("usage").fieldNames()).contains("prompt_tokens", "completion_tokens");
    assertThat(answer.getJsonObject("timings").fieldNames()).contains("queue_ms", "ttft_ms", "total_ms");
  }

  /** Verifies that model, model type, options, priority and deadline reach the inference request. */
  @Test
  void passesModelOptionsPriorityAndDeadlineToTheQueue() throws Exception {
    JsonObject body = TestGateway.chat("code please")
        .put("model_type", "coding")
        .put("options", new JsonObject().put("temperature", 0.2))
        .put("priority", "high")
        .put("timeout_ms", 5000);

    gateway.postJson("/api/v1/chat", body);

    InferenceRequest request = gateway.fake().submitted().get(0);
    assertThat(request.kind()).isEqualTo(InferenceKind.CHAT);
    assertThat(request.model()).isNull();
    assertThat(request.modelType()).isEqualTo("coding");
    assertThat(request.priority().wireName()).isEqualTo("high");
    assertThat(request.timeoutMs()).isEqualTo(5000);
    assertThat(request.body().getJsonObject("options").getDouble("temperature")).isEqualTo(0.2);
    assertThat(request.body().getJsonArray("messages")).hasSize(1);
  }

  /** Verifies that a failure after the stream started arrives as an SSE error event. */
  @Test
  void reportsAFailureMidStreamAsAnErrorEvent() throws Exception {
    gateway.fake().script(Scripts.failAfter(List.of("partial"),
        ProblemType.OLLAMA_ERROR.problem("llama runner crashed")));

    HttpResult result = gateway.postJson("/api/v1/chat", TestGateway.chat("hi").put("stream", true));

    assertThat(result.status()).isEqualTo(200);
    List<SseEvent> events = result.events();
    assertThat(events).extracting(SseEvent::event).containsExactly("token", "error");
    JsonObject problem = events.get(1).json();
    assertThat(problem.getInteger("status")).isEqualTo(502);
    assertThat(problem.getString("type")).isEqualTo(ProblemType.OLLAMA_ERROR.uri());
    assertThat(problem.getString("detail")).isEqualTo("llama runner crashed");
    assertThat(problem.getString("request_id")).isNotBlank();
  }
}
