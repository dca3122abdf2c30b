package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.RunningPlatform.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Conversations kept in PostgreSQL through every native chat surface, and the conversation routes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConversationsIT {

  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(5).tokenDelayMs(1));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @BeforeEach
  void resetOllama() {
    platform.ollama.options().tokensPerAnswer(5).tokenDelayMs(1);
    platform.ollama.recorder().reset();
  }

  /**
   * Verifies that a chat without conversation_id starts a conversation, the next one sends its history
   * to the model, and the conversation reads back with models, token counts and timings.
   */
  @Test
  void chatsAreKeptAndContinued() {
    JsonObject first = answer(chat("what is a fjord"));
    String id = first.getString("conversation_id");
    assertThat(id).isNotBlank();

    JsonObject second = answer(chat("and a skerry").put("conversation_id", id));

    assertThat(second.getString("conversation_id")).isEqualTo(id);
    assertThat(contents(platform.ollama.recorder().generationBodies().get(1).getJsonArray("messages")))
        .containsExactly("what is a fjord", content(first), "and a skerry");
    JsonObject conversation = platform.get("/api/v1/conversations/" + id).json();
    assertThat(conversation.getString("title")).isEqualTo("what is a fjord");
    JsonArray messages = conversation.getJsonArray("messages");
    assertThat(contents(messages)).containsExactly("what is a fjord", content(first), "and a skerry", content(second));
    JsonObject answer = messages.getJsonObject(1);
    assertThat(answer.getString("role")).isEqualTo("assistant");
    assertThat(answer.getString("status")).isEqualTo("complete");
    assertThat(answer.getString("model")).isEqualTo("tinyllama:latest");
    assertThat(answer.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(5);
    assertThat(answer.getJsonObject("timings").getLong("total_ms")).isNotNull();
  }

  /** Verifies that the SSE done event and the WebSocket done frame name the conversation, and both continue it. */
  @Test
  void streamingSurfacesNameTheConversation() {
    Reply sse = platform.postAndRead("/api/v1/chat", chat("tide tables").put("stream", true));
    List<StreamFrames.Event> events = StreamFrames.sse(sse.body().toString());
    String id = events.get(events.size() - 1).json().getString("conversation_id");
    assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
    assertThat(id).isNotBlank();

    try (ChatSocket socket = ChatSocket.open(platform)) {
      socket.send(new JsonObject().put("type", "chat").put("id", "w1").put("conversation_id", id)
          .put("messages", chat("spring tides").getJsonArray("messages")));
      List<JsonObject> frames = socket.awaitFinal("w1");
      assertThat(frames.get(frames.size() - 1).getString("type")).isEqualTo("done");
      assertThat(frames.get(frames.size() - 1).getString("conversation_id")).isEqualTo(id);
    }
    assertThat(platform.get("/api/v1/conversations/" + id).json().getJsonArray("messages")).hasSize(4);
  }

  /** Verifies that an answer the client walked away from is stored as cancelled and left out of the history. */
  @Test
  void cancelledAnswerIsStoredMarked() {
    String id = answer(chat("first question")).getString("conversation_id");
    platform.ollama.options().tokensPerAnswer(200).tokenDelayMs(20);
    Promise<Void> firstToken = Promise.promise();
    HttpClientResponse stream = platform.postStreaming("/api/v1/chat",
        chat("abandoned question").put("stream", true).put("conversation_id", id),
        chunk -> firstToken.tryComplete()).await();
    firstToken.future().await();
    stream.request().connection().close();

    JsonArray messages = Eventually.value("the cancelled answer to be stored", Duration.ofSeconds(10), () -> {
      JsonArray stored = platform.get("/api/v1/conversations/" + id).json().getJsonArray("messages");
      return stored.size() == 4 ? Optional.of(stored) : Optional.empty();
    });
    assertThat(messages.getJsonObject(3).getString("status")).isEqualTo("cancelled");
    assertThat(messages.getJsonObject(3).getString("content")).isNotEmpty();

    platform.ollama.options().tokensPerAnswer(5).tokenDelayMs(1);
    answer(chat("next question").put("conversation_id", id));
    List<JsonObject> bodies = platform.ollama.recorder().generationBodies();
    assertThat(contents(bodies.get(bodies.size() - 1).getJsonArray("messages")))
        .doesNotContain(messages.getJsonObject(3).getString("content"))
        .endsWith("next question");
  }

  /** Verifies listing newest first with a cursor, renaming, and deleting with the messages. */
  @Test
  void listRenameAndDelete() {
    String older = answer(chat("older chat")).getString("conversation_id");
    String newer = answer(chat("newer chat")).getString("conversation_id");

    JsonObject page = platform.get("/api/v1/conversations?limit=1").json();
    assertThat(page.getJsonArray("conversations").getJsonObject(0).getString("id")).isEqualTo(newer);
    String cursor = page.getString("next_cursor");
    JsonObject next = platform.get("/api/v1/conversations?limit=1&cursor=" + cursor).json();
    assertThat(next.getJsonArray("conversations").getJsonObject(0).getString("id")).isEqualTo(older);

    Reply renamed = send(HttpMethod.PATCH, "/api/v1/conversations/" + older, "{\"title\":\"Fjords\"}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(platform.get("/api/v1/conversations/" + older).json().getString("title")).isEqualTo("Fjords");

    assertThat(send(HttpMethod.DELETE, "/api/v1/conversations/" + older, null).status()).isEqualTo(204);
    assertThat(platform.get("/api/v1/conversations/" + older).status()).isEqualTo(404);
    assertThat(send(HttpMethod.DELETE, "/api/v1/conversations/" + older, null).status()).isEqualTo(404);
  }

  /** Verifies that bad ids, titles and bodies get 4xx problems and change nothing. */
  @Test
  void badInputChangesNothing() {
    String id = answer(chat("keep me")).getString("conversation_id");
    String path = "/api/v1/conversations/" + id;
    String unknown = "/api/v1/conversations/7f3c1d52-0000-4000-8000-000000000000";

    assertProblem(platform.get("/api/v1/conversations/not-a-uuid"), 400, "id");
    assertProblem(platform.get(unknown), 404, "7f3c1d52");
    assertProblem(send(HttpMethod.PATCH, unknown, "{\"title\":\"x\"}"), 404, "7f3c1d52");
    assertProblem(send(HttpMethod.DELETE, "/api/v1/conversations/42", null), 400, "id");
    assertProblem(send(HttpMethod.PATCH, path, "{\"title\":\"" + "t".repeat(201) + "\"}"), 400, "title");
    assertProblem(send(HttpMethod.PATCH, path, "{\"title\":42}"), 400, "title");
    assertProblem(send(HttpMethod.PATCH, path, "{\"title\":\"ok\",\"owner\":\"mallory\"}"), 400, "owner");
    assertProblem(send(HttpMethod.PATCH, path, "[\"title\"]"), 400, "");
    assertProblem(send(HttpMethod.PATCH, path, "{\"title\":"), 400, "");
    assertProblem(platform.get("/api/v1/conversations?limit=0"), 400, "limit");
    assertProblem(platform.get("/api/v1/conversations?cursor=%%%"), 400, "");
    assertProblem(platform.postAndRead("/api/v1/chat", chat("x").put("conversation_id", "nope")), 400,
        "conversation_id");
    assertProblem(platform.postAndRead("/api/v1/chat", chat("x").put("conversation_id", 7)), 400, "conversation_id");
    assertProblem(platform.postAndRead("/api/v1/chat",
        chat("x").put("conversation_id", "7f3c1d52-0000-4000-8000-000000000000")), 404, "7f3c1d52");

    JsonObject unchanged = platform.get(path).json();
    assertThat(unchanged.getString("title")).isEqualTo("keep me");
    assertThat(unchanged.getJsonArray("messages")).hasSize(2);
    assertThat(platform.ollama.recorder().generationBodies()).hasSize(1);
  }

  /** Verifies that "store": false keeps nothing and names no conversation. */
  @Test
  void storeFalseKeepsNothing() {
    int before = countConversations();
    JsonObject answer = answer(chat("off the record").put("store", false));
    assertThat(answer.containsKey("conversation_id")).isFalse();
    assertThat(countConversations()).isEqualTo(before);
  }

  private static int countConversations() {
    return platform.get("/api/v1/conversations?limit=100").json().getJsonArray("conversations").size();
  }

  private static void assertProblem(Reply reply, int status, String detailPart) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().getString("detail")).contains(detailPart);
  }

  private static Reply send(HttpMethod method, String path, String body) {
    return platform.exchange(method, path, "application/json", body == null ? null : Buffer.buffer(body),
        MultiMap.caseInsensitiveMultiMap()).await();
  }

  private static JsonObject answer(JsonObject chat) {
    Reply reply = platform.postAndRead("/api/v1/chat", chat.put("stream", false));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.json();
  }

  private static String content(JsonObject answer) {
    return answer.getJsonObject("message").getString("content");
  }

  private static List<String> contents(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getString("content")).toList();
  }

}
