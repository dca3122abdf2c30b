package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.launcher.e2e.StreamFrames.Event;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every chat surface of the gateway, through the real inference queue, against a fake Ollama. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatSurfacesIT {

  private static final int TOKENS = 25;
  private static final String ANSWER = FakeOllama.answer(TOKENS);
  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(TOKENS).tokenDelayMs(1));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that the SSE chat stream delivers every token in order, then a done event with usage and timings. */
  @Test
  void sseChatStreamsEveryTokenInOrder() {
    Reply reply = platform.postAndRead("/api/v1/chat", chat("sse").put("stream", true));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/event-stream");
    List<Event> events = StreamFrames.sse(reply.body().toString());
    assertThat(events.stream().filter(e -> e.name().equals("token"))).hasSize(TOKENS);
    assertThat(StreamFrames.joined(events, "token", "content")).isEqualTo(ANSWER);
    Event done = events.get(events.size() - 1);
    assertThat(done.name()).isEqualTo("done");
    assertThat(done.json().getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(TOKENS);
    assertThat(done.json().getJsonObject("timings").fieldNames()).contains("queue_ms", "ttft_ms", "total_ms");
  }

  /** Verifies that a non-streaming chat returns the whole text with usage and timings. */
  @Test
  void plainChatReturnsTheWholeText() {
    Reply reply = platform.postAndRead("/api/v1/chat", chat("plain"));

    assertThat(reply.status()).isEqualTo(200);
    JsonObject body = reply.json();
    assertThat(body.getJsonObject("message").getString("content")).isEqualTo(ANSWER);
    assertThat(body.getJsonObject("message").getString("role")).isEqualTo("assistant");
    assertThat(body.getString("model")).isEqualTo("tinyllama:latest");
    assertThat(body.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(TOKENS);
    assertThat(reply.headers().get("X-Request-ID")).isNotBlank();
  }

  /** Verifies that the model type routes to the configured model. */
  @Test
  void modelTypeRoutesToItsModel() {
    Reply reply = platform.postAndRead("/api/v1/chat", chat("coding").put("model_type", "coding"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("model")).isEqualTo("deepseek-coder:6.7b-instruct-q4_K_M");
  }

  /** Verifies that a WebSocket chat delivers every token in order and ends with done. */
  @Test
  void webSocketChatStreamsEveryTokenInOrder() {
    try (ChatSocket socket = ChatSocket.open(platform)) {
      socket.send(new JsonObject().put("type", "chat").put("id", "c1")
          .put("messages", chat("ws").getJsonArray("messages")));

      List<JsonObject> frames = socket.awaitFinal("c1");

      assertThat(frames.get(frames.size() - 1).getString("type")).isEqualTo("done");
      String text = frames.stream().filter(f -> "token".equals(f.getString("type")))
          .map(f -> f.getString("content")).collect(Collectors.joining());
      assertThat(text).isEqualTo(ANSWER);
    }
  }

  /** Verifies that the OpenAI-compatible stream sends chunks in order and ends with [DONE]. */
  @Test
  void openAiStreamEndsWithDone() {
    Reply reply = platform.postAndRead("/v1/chat/completions",
        chat("openai").put("model", "tinyllama:latest").put("stream", true));

    assertThat(reply.status()).isEqualTo(200);
    List<Event> events = StreamFrames.sse(reply.body().toString());
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    events.subList(0, events.size() - 1).forEach(e -> {
      JsonArray choices = e.json().getJsonArray("choices");
      if (!choices.isEmpty()) {
        text.append(choices.getJsonObject(0).getJsonObject("delta").getString("content", ""));
      }
    });
    assertThat(text).hasToString(ANSWER);
  }

  /** Verifies that the OpenAI-compatible non-streaming answer carries the whole text and usage. */
  @Test
  void openAiCompletionCarriesTheWholeText() {
    Reply reply = platform.postAndRead("/v1/chat/completions", chat("openai-plain").put("model", "tinyllama:latest"));

    assertThat(reply.status()).isEqualTo(200);
    JsonObject choice = reply.json().getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getJsonObject("message").getString("content")).isEqualTo(ANSWER);
    assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    assertThat(reply.json().getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(TOKENS);
  }

  /** Verifies that the Ollama-compatible chat streams NDJSON lines in Ollama's shape. */
  @Test
  void ollamaChatStreamsNdjson() {
    Reply reply = platform.postAndRead("/api/chat", chat("ollama").put("model", "tinyllama:latest"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/x-ndjson");
    List<JsonObject> lines = StreamFrames.ndjson(reply.body().toString());
    String text = lines.stream().map(l -> l.getJsonObject("message").getString("content"))
        .collect(Collectors.joining());
    assertThat(text).isEqualTo(ANSWER);
    JsonObject last = lines.get(lines.size() - 1);
    assertThat(last.getBoolean("done")).isTrue();
    assertThat(last.getInteger("eval_count")).isEqualTo(TOKENS);
    assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l.getBoolean("done")).isFalse());
  }

  /** Verifies that the Ollama-compatible generate answers whole when not streaming, and streams otherwise. */
  @Test
  void ollamaGenerateStreamsAndAnswersWhole() {
    JsonObject body = new JsonObject().put("model", "tinyllama:latest").put("prompt", "gen");
    Reply streamed = platform.postAndRead("/api/generate", body.copy());
    Reply whole = platform.postAndRead("/api/generate", body.copy().put("stream", false));

    String text = StreamFrames.ndjson(streamed.body().toString()).stream()
        .map(l -> l.getString("response")).collect(Collectors.joining());
    assertThat(text).isEqualTo(ANSWER);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.json().getString("response")).isEqualTo(ANSWER);
    assertThat(whole.json().getBoolean("done")).isTrue();
  }

  /** Verifies that the Ollama-compatible chat answers one object when not streaming. */
  @Test
  void ollamaChatAnswersWholeWhenNotStreaming() {
    Reply reply = platform.postAndRead("/api/chat", chat("ollama-plain").put("model", "tinyllama:latest")
        .put("stream", false));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getJsonObject("message").getString("content")).isEqualTo(ANSWER);
    assertThat(reply.json().getBoolean("done")).isTrue();
  }
}
