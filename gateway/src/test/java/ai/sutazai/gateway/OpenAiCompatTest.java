package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.FakeGeneration;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.HttpResult.SseEvent;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAI-compatible {@code /v1} surface, in the shapes the official SDKs parse. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenAiCompatTest {

  private static final List<String> TOKENS = List.of("Par", "is", " is", " the", " capital", ".");
  private static final JsonObject TIMINGS = FakeGeneration.TIMINGS;

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 1));
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static JsonObject completion(boolean stream) {
    return TestGateway.chat("capital of France?").put("model", "tinyllama:latest").put("stream", stream);
  }

  /** Verifies that a streaming completion sends token chunks, a finish chunk with timings, usage, then [DONE]. */
  @Test
  void streamsChunksEndingWithDone() throws Exception {
    JsonObject body = completion(true).put("stream_options", new JsonObject().put("include_usage", true));

    HttpResult result = gateway.postJson("/v1/chat/completions", body);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("text/event-stream");
    List<SseEvent> events = result.events();
    assertThat(events).allMatch(e -> e.event() == null);
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
    assertThat(chunks).allMatch(c -> c.getString("object").equals("chat.completion.chunk")
        && c.getString("id").startsWith("chatcmpl-") && c.getString("model").equals("tinyllama:latest"));
    assertThat(chunks).extracting(c -> c.getString("id")).containsOnly(chunks.get(0).getString("id"));
    JsonObject firstDelta = delta(chunks.get(0));
    assertThat(firstDelta.getString("role")).isEqualTo("assistant");
    assertThat(chunks.subList(1, 1 + TOKENS.size())).extracting(c -> delta(c).getString("content"))
        .containsExactlyElementsOf(TOKENS);
    JsonObject finish = chunks.get(1 + TOKENS.size());
    assertThat(finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
    assertThat(finish.getJsonObject("timings")).isEqualTo(TIMINGS);
    assertThat(chunks.subList(0, 1 + TOKENS.size())).allMatch(c -> !c.containsKey("timings"));
    JsonObject usage = chunks.get(chunks.size() - 1);
    assertThat(usage.getJsonArray("choices")).isEmpty();
    assertThat(usage.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(TOKENS.size());
    assertThat(usage.getJsonObject("usage").getInteger("total_tokens")).isEqualTo(TOKENS.size() + 5);
  }

  private static JsonObject delta(JsonObject chunk) {
    return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
  }

  /** Verifies that a non-streaming completion is one chat.completion object with the whole text and timings. */
  @Test
  void answersWithAChatCompletion() throws Exception {
    HttpResult result = gateway.postJson("/v1/chat/completions", completion(false));

    assertThat(result.status()).isEqualTo(200);
    JsonObject completion = result.json();
    assertThat(completion.getString("object")).isEqualTo("chat.completion");
    assertThat(completion.getString("id")).startsWith("chatcmpl-");
    assertThat(completion.getLong("created")).isPositive();
    JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getJsonObject("message").getString("role")).isEqualTo("assistant");
    assertThat(choice.getJsonObject("message").getString("content")).isEqualTo("Paris is the capital.");
    assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    assertThat(completion.getJsonObject("usage")).isEqualTo(new JsonObject()
        .put("prompt_tokens", 5).put("completion_tokens", TOKENS.size()).put("total_tokens", TOKENS.size() + 5));
    assertThat(completion.getJsonObject("timings")).isEqualTo(TIMINGS);
  }

  /** Verifies that sampling fields become Ollama options and the model is passed as asked. */
  @Test
  void mapsSamplingFieldsToOllamaOptions() throws Exception {
    JsonObject body = completion(false)
        .put("temperature", 0.7).put("top_p", 0.9).put("max_tokens", 64).put("stop", "END").put("seed", 42)
        .put("presence_penalty", 0.5).put("frequency_penalty", 0.25)
        .put("response_format", new JsonObject().put("type", "json_object"));

    gateway.postJson("/v1/chat/completions", body);

    InferenceRequest request = gateway.fake().submitted().get(0);
    assertThat(request.model()).isEqualTo("tinyllama:latest");
    assertThat(request.body().getString("format")).isEqualTo("json");
    assertThat(request.body().getJsonObject("options")).isEqualTo(new JsonObject()
        .put("temperature", 0.7).put("top_p", 0.9).put("presence_penalty", 0.5).put("frequency_penalty", 0.25)
        .put("seed", 42L).put("num_predict", 64L).put("stop", new JsonArray().add("END")));
  }

  /** Verifies that a completion without a model is refused with OpenAI's error shape. */
  @Test
  void refusesACompletionWithoutModel() throws Exception {
    HttpResult result = gateway.postJson("/v1/chat/completions", TestGateway.chat("hi"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject error = result.json().getJsonObject("error");
    assertThat(error.getString("message")).contains("/model is required");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
    assertThat(error.getString("code")).isEqualTo("invalid_request");
  }

  /** Verifies that a full queue answers 429 with Retry-After and an OpenAI rate-limit error. */
  @Test
  void answersAFullQueueWith429() throws Exception {
    gateway.fake().script(Scripts.reject(ProblemType.QUEUE_FULL.problem("the normal level is full (100)")));

    HttpResult result = gateway.postJson("/v1/chat/completions", completion(true));

    assertThat(result.status()).isEqualTo(429);
    assertThat(result.header("Retry-After")).isEqualTo("1");
    assertThat(result.json().getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
    assertThat(result.json().getJsonObject("error").getString("code")).isEqualTo("queue_full");
  }

  /** Verifies that tool calls travel both ways: arguments as objects to Ollama, as strings back to the client. */
  @Test
  void translatesToolCalls() throws Exception {
    JsonArray ollamaCalls = new JsonArray().add(new JsonObject().put("function", new JsonObject()
        .put("name", "get_weather").put("arguments", new JsonObject().put("city", "Paris"))));
    gateway.fake().script(g -> {
      g.ack();
      g.started();
      g.tokenWith(new JsonObject().put("content", "").put("tool_calls", ollamaCalls));
      g.done();
    });
    JsonObject earlierCall = new JsonObject().put("id", "call_1").put("type", "function")
        .put("function", new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Rome\"}"));
    JsonObject body = completion(false)
        .put("tools", new JsonArray().add(new JsonObject().put("type", "function")
            .put("function", new JsonObject().put("name", "get_weather"))))
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "user").put("content", "weather?"))
            .add(new JsonObject().put("role", "assistant").put("content", null)
                .put("tool_calls", new JsonArray().add(earlierCall)))
            .add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "sunny")));

    JsonObject choice = gateway.postJson("/v1/chat/completions", body).json().getJsonArray("choices").getJsonObject(0);
    List<SseEvent> streamed = gateway.postJson("/v1/chat/completions", body.copy().put("stream", true)).events();

    JsonArray sent = gateway.fake().submitted().get(0).body().getJsonArray("messages");
    assertThat(sent.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function")
        .getJsonObject("arguments")).isEqualTo(new JsonObject().put("city", "Rome"));
    assertThat(gateway.fake().submitted().get(0).body().getJsonArray("tools")).hasSize(1);
    assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
    JsonObject call = choice.getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
    assertThat(call.getString("type")).isEqualTo("function");
    assertThat(call.getString("id")).startsWith("call_");
    assertThat(new JsonObject(call.getJsonObject("function").getString("arguments")))
        .isEqualTo(new JsonObject().put("city", "Paris"));
    JsonObject streamedCall = delta(streamed.get(1).json()).getJsonArray("tool_calls").getJsonObject(0);
    assertThat(streamedCall.getInteger("index")).isZero();
    assertThat(streamedCall.getJsonObject("function").getString("name")).isEqualTo("get_weather");
    assertThat(streamed.get(2).json().getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
        .isEqualTo("tool_calls");
  }

  /** Verifies that the model list and a single model use OpenAI's model objects. */
  @Test
  void listsModels() throws Exception {
    JsonObject list = gateway.get("/v1/models").json();
    assertThat(list.getString("object")).isEqualTo("list");
    assertThat(list.getJsonArray("data").stream().map(JsonObject.class::cast).map(m -> m.getString("id")))
        .contains("tinyllama:latest", "mistral:7b-instruct-q4_K_M");
    JsonObject first = list.getJsonArray("data").getJsonObject(0);
    assertThat(first.getString("object")).isEqualTo("model");
    assertThat(first.getLong("created")).isEqualTo(1715228021L);
    assertThat(first.getString("owned_by")).isNotBlank();

    HttpResult one = gateway.get("/v1/models/tinyllama:latest");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().getString("id")).isEqualTo("tinyllama:latest");

    HttpResult missing = gateway.get("/v1/models/nope:latest");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getJsonObject("error").getString("code")).isEqualTo("model_not_found");
  }
}
