package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.SocketFrames;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
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

/**
 * The abuse limits on every chat surface: messages per request, characters per message or prompt,
 * chats per WebSocket and the WebSocket message size, each refused with the limit named.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbuseLimitsTest {

  private static final int MAX_MESSAGES = 3;
  private static final int MAX_CHARS = 10;
  private static final int MAX_BODY_BYTES = 4096;

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("max_body_bytes", MAX_BODY_BYTES))
        .put("limits", new JsonObject().put("max_messages", MAX_MESSAGES).put("max_message_chars", MAX_CHARS)
            .put("max_conversations_per_socket", 2)));
    gateway.fake().script(Scripts.answer(List.of("ok"), 0));
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static JsonArray messages(String... contents) {
    JsonArray messages = new JsonArray();
    for (String content : contents) {
      messages.add(new JsonObject().put("role", "user").put("content", content));
    }
    return messages;
  }

  private static void assertTooMany(HttpResult result) {
    assertThat(result.status()).isEqualTo(413);
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE.uri());
    assertThat(result.json().getString("detail"))
        .isEqualTo("/messages holds 4 messages; at most 3 are allowed (limits.max_messages)");
  }

  private static void assertTooLong(HttpResult result, String pointer, int characters) {
    assertThat(result.status()).isEqualTo(413);
    assertThat(result.json().getString("detail")).isEqualTo(pointer + " holds " + characters
        + " characters; at most 10 are allowed (limits.max_message_chars)");
  }

  /** Verifies that SutazAI's chat refuses too many messages and too long ones, and counts characters, not UTF-16 units. */
  @Test
  void nativeChatNamesTheLimit() throws Exception {
    assertTooMany(gateway.postJson("/api/v1/chat", new JsonObject().put("messages", messages("a", "b", "c", "d"))));
    assertTooLong(gateway.postJson("/api/v1/chat", new JsonObject().put("messages", messages("ok", "x".repeat(11)))),
        "/messages/1/content", 11);

    HttpResult emoji = gateway.postJson("/api/v1/chat", new JsonObject().put("messages", messages("😀".repeat(10))));
    assertThat(emoji.status()).isEqualTo(200);
    assertThat(gateway.fake().submitted()).hasSize(1);
  }

  /** Verifies that OpenAI's chat completions refuse too many messages and too long text parts, in OpenAI's error shape. */
  @Test
  void openAiChatNamesTheLimit() throws Exception {
    HttpResult many = gateway.postJson("/v1/chat/completions", new JsonObject().put("model", "m")
        .put("messages", messages("a", "b", "c", "d")));
    JsonObject parts = new JsonObject().put("role", "user").put("content", new JsonArray()
        .add(new JsonObject().put("type", "text").put("text", "123456"))
        .add(new JsonObject().put("type", "text").put("text", "78901")));
    HttpResult longParts = gateway.postJson("/v1/chat/completions", new JsonObject().put("model", "m")
        .put("messages", new JsonArray().add(parts)));

    assertTooMany(many);
    assertThat(many.json().getJsonObject("error").getString("message")).contains("limits.max_messages");
    assertTooLong(longParts, "/messages/0/content", 11);
    assertThat(gateway.fake().submitted()).isEmpty();
  }

  /** Verifies that Ollama's chat and generate refuse too many messages and too long prompts, in Ollama's error shape. */
  @Test
  void ollamaChatAndGenerateNameTheLimit() throws Exception {
    HttpResult many = gateway.postJson("/api/chat", new JsonObject().put("model", "m")
        .put("messages", messages("a", "b", "c", "d")));
    HttpResult longPrompt = gateway.postJson("/api/generate", new JsonObject().put("model", "m")
        .put("prompt", "x".repeat(12)));
    HttpResult longSystem = gateway.postJson("/api/generate", new JsonObject().put("model", "m")
        .put("prompt", "hi").put("system", "y".repeat(11)));

    assertTooMany(many);
    assertThat(many.json().getString("error")).contains("limits.max_messages");
    assertTooLong(longPrompt, "/prompt", 12);
    assertTooLong(longSystem, "/system", 11);
    assertThat(gateway.fake().submitted()).isEmpty();
  }

  /** Verifies that /ws/chat frames get the same message limits, and a third running chat is refused, socket open. */
  @Test
  void chatSocketNamesTheLimits() throws Exception {
    gateway.fake().script(Scripts.hang());
    SocketFrames frames = new SocketFrames(gateway.chatSocket());

    frames.send(new JsonObject().put("type", "chat").put("id", "many").put("messages", messages("a", "b", "c", "d")));
    JsonObject many = frames.next();
    frames.send(new JsonObject().put("type", "chat").put("id", "long").put("messages", messages("x".repeat(11))));
    JsonObject tooLong = frames.next();
    frames.send(new JsonObject().put("type", "chat").put("id", "one").put("messages", messages("1")));
    frames.send(new JsonObject().put("type", "chat").put("id", "two").put("messages", messages("2")));
    frames.send(new JsonObject().put("type", "chat").put("id", "three").put("messages", messages("3")));
    List<JsonObject> untilRefused = frames.until(f -> "error".equals(f.getString("type")));
    JsonObject third = untilRefused.get(untilRefused.size() - 1);

    assertThat(many.getInteger("status")).isEqualTo(413);
    assertThat(many.getString("detail")).contains("limits.max_messages").contains("at most 3");
    assertThat(tooLong.getInteger("status")).isEqualTo(413);
    assertThat(tooLong.getString("detail")).contains("limits.max_message_chars").contains("at most 10");
    assertThat(third.getString("id")).isEqualTo("three");
    assertThat(third.getInteger("status")).isEqualTo(400);
    assertThat(third.getString("detail")).contains("at most 2 may run at once (limits.max_conversations_per_socket)");
    frames.send(new JsonObject().put("type", "cancel").put("id", "one"));
    assertThat(frames.until(f -> "cancelled".equals(f.getString("type")))).last()
        .extracting(f -> f.getString("id")).isEqualTo("one");
    assertThat(gateway.fake().submitted()).hasSize(2);
  }

  /** Verifies that a WebSocket message beyond the socket's limit closes it with 1009 and a reason naming the limit. */
  @Test
  void closingForAHugeMessageNamesTheLimit() throws Exception {
    WebSocket socket = gateway.chatSocket();
    Promise<String> reason = Promise.promise();
    socket.closeHandler(v -> reason.complete(socket.closeStatusCode() + " " + socket.closeReason()));

    socket.writeTextMessage("x".repeat(5 * MAX_BODY_BYTES));

    assertThat(reason.future().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo("1009 message over " + 4 * MAX_BODY_BYTES + " bytes (4 x http.max_body_bytes)");
  }
}
