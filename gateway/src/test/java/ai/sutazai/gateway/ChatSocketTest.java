package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.SocketFrames;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
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

/** The {@code /ws/chat} WebSocket: frames, concurrent conversations, cancel, malformed input. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatSocketTest {

  private static final List<String> TOKENS = List.of("one", " two", " three", " four");
  private static final int MAX_BODY_BYTES = Settings.HTTP_MAX_BODY_BYTES.intIn(new JsonObject());

  private TestGateway gateway;
  private WebSocket socket;
  private SocketFrames frames;

  @BeforeEach
  void connect(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    gateway.fake().script(Scripts.answer(TOKENS, 2));
    socket = gateway.chatSocket();
    frames = new SocketFrames(socket);
  }

  private static JsonObject chat(String id, String text) {
    return TestGateway.chat(text).put("type", "chat").put("id", id);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  /** Verifies that a conversation streams token frames in order, then a done frame with usage and timings. */
  @Test
  void streamsTokensInOrderThenDone() throws Exception {
    frames.send(chat("c1", "count"));

    List<JsonObject> received = frames.until(SocketFrames.ended("c1"));

    assertThat(received.subList(0, TOKENS.size())).allMatch(f -> f.getString("type").equals("token")
        && f.getString("id").equals("c1"));
    assertThat(received.subList(0, TOKENS.size())).extracting(f -> f.getString("content"))
        .containsExactlyElementsOf(TOKENS);
    JsonObject done = received.get(TOKENS.size());
    assertThat(done.getString("type")).isEqualTo("done");
    assertThat(done.getString("model")).isEqualTo("tinyllama:latest");
    assertThat(done.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(TOKENS.size());
    assertThat(done.getJsonObject("timings").fieldNames()).contains("queue_ms", "ttft_ms", "total_ms");
    assertThat(socket.headers().get("X-Request-ID")).isEqualTo(gateway.fake().requestIds().get(0));
  }

  /** Verifies that two conversations run at once on one socket, each complete and in order. */
  @Test
  void runsTwoConversationsAtOnce() throws Exception {
    gateway.fake().script(Scripts.answer(TOKENS, 10));
    frames.send(chat("a", "first"));
    frames.send(chat("b", "second"));

    List<JsonObject> received = frames.untilEnded("a", "b");

    for (String id : List.of("a", "b")) {
      assertThat(received.stream().filter(f -> id.equals(f.getString("id")) && f.getString("type").equals("token"))
          .map(f -> f.getString("content"))).containsExactlyElementsOf(TOKENS);
      assertThat(received).anyMatch(f -> id.equals(f.getString("id")) && f.getString("type").equals("done"));
    }
    assertThat(gateway.fake().submitted()).hasSize(2);
  }

  /** Verifies that a cancel frame is answered with cancelled and sends CANCEL for that conversation. */
  @Test
  void cancelAnswersCancelledAndCancelsTheGeneration() throws Exception {
    gateway.fake().script(Scripts.hang());
    frames.send(chat("c1", "long story"));
    assertThat(frames.next().getString("type")).isEqualTo("token");

    frames.send(new JsonObject().put("type", "cancel").put("id", "c1"));

    assertThat(frames.next()).isEqualTo(new JsonObject().put("type", "cancelled").put("id", "c1"));
    gateway.fake().cancelsReceived(1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).containsExactly(gateway.fake().submitted().get(0).id());
  }

  /** Verifies that malformed frames each get an error frame and the socket keeps serving. */
  @Test
  void answersMalformedFramesWithErrorsAndStaysOpen() throws Exception {
    frames.sendText("{not json");
    assertError(frames.next(), null, ProblemType.MALFORMED_JSON, "not valid JSON");

    frames.send(new JsonObject().put("id", "x"));
    assertError(frames.next(), "x", ProblemType.INVALID_REQUEST, "/type is required");

    frames.send(new JsonObject().put("type", "dance").put("id", "d"));
    assertError(frames.next(), "d", ProblemType.INVALID_REQUEST, "/type must be one of chat, cancel");

    frames.send(TestGateway.chat("no id").put("type", "chat"));
    assertError(frames.next(), null, ProblemType.INVALID_REQUEST, "/id is required");

    frames.send(new JsonObject().put("type", "chat").put("id", "e").put("messages", new JsonArray()));
    assertError(frames.next(), "e", ProblemType.INVALID_REQUEST, "/messages must not be empty");

    frames.send(chat("r", "hi").put("messages", new JsonArray().add(new JsonObject().put("role", "robot")
        .put("content", "beep"))));
    assertError(frames.next(), "r", ProblemType.INVALID_REQUEST, "/messages/0/role must be one of");

    socket.writeBinaryMessage(Buffer.buffer("binary")).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertError(frames.next(), null, ProblemType.INVALID_REQUEST, "binary frames");

    frames.send(chat("ok", "still there?"));
    assertThat(frames.until(SocketFrames.ended("ok"))).last()
        .extracting(f -> f.getString("type")).isEqualTo("done");
    assertThat(gateway.fake().submitted()).hasSize(1);
  }

  private static void assertError(JsonObject frame, String id, ProblemType type, String detail) {
    assertThat(frame.getString("type")).isEqualTo("error");
    assertThat(frame.getString("id")).isEqualTo(id);
    assertThat(frame.getInteger("status")).isEqualTo(type.status());
    assertThat(frame.getString("problem_type")).isEqualTo(type.uri());
    assertThat(frame.getString("title")).isEqualTo(type.title());
    assertThat(frame.getString("detail")).contains(detail);
  }

  /** Verifies that a cancel for an id with no running chat gets a 404 error frame and the socket keeps serving. */
  @Test
  void answersACancelOfNoRunningChatWith404() throws Exception {
    frames.send(new JsonObject().put("type", "cancel").put("id", "x"));

    assertError(frames.next(), "x", ProblemType.NOT_FOUND, "no running chat has id 'x'");
    frames.send(chat("ok", "still there?"));
    assertThat(frames.until(SocketFrames.ended("ok"))).last()
        .extracting(f -> f.getString("type")).isEqualTo("done");
    assertThat(gateway.fake().cancels()).isEmpty();
  }

  /** Verifies that a message over http.max_body_bytes gets a 413 error frame naming the limit, socket open. */
  @Test
  void answersATooLargeMessageWith413AndStaysOpen() throws Exception {
    frames.sendText(TestGateway.chat("x".repeat(MAX_BODY_BYTES)).put("type", "chat").put("id", "big").encode());

    assertError(frames.next(), null, ProblemType.PAYLOAD_TOO_LARGE, "at most " + MAX_BODY_BYTES + " bytes");
    frames.send(chat("ok", "still there?"));
    assertThat(frames.until(SocketFrames.ended("ok"))).last()
        .extracting(f -> f.getString("type")).isEqualTo("done");
    assertThat(gateway.fake().submitted()).hasSize(1);
  }

  /** Verifies that a message beyond Vert.x's WebSocket limit, in fragments or one frame, closes with 1009. */
  @Test
  void closesWith1009BeyondTheWebSocketLimit() throws Exception {
    String huge = "x".repeat(5 * MAX_BODY_BYTES);
    WebSocket other = gateway.chatSocket();

    Future<Short> fragmented = closeStatus(socket);
    Future<Short> oneFrame = closeStatus(other);
    socket.writeTextMessage(huge);
    other.writeFrame(WebSocketFrame.textFrame(huge, true));

    assertThat(fragmented.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo((short) 1009);
    assertThat(oneFrame.await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo((short) 1009);
  }

  private static Future<Short> closeStatus(WebSocket ws) {
    Promise<Short> closed = Promise.promise();
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    return closed.future();
  }

  /** Verifies that a second chat with the id of a running one gets an error frame. */
  @Test
  void refusesADuplicateRunningId() throws Exception {
    gateway.fake().script(Scripts.hang());
    frames.send(chat("c1", "first"));
    assertThat(frames.next().getString("type")).isEqualTo("token");

    frames.send(chat("c1", "again"));

    assertError(frames.next(), "c1", ProblemType.INVALID_REQUEST, "already running");
    assertThat(gateway.fake().submitted()).hasSize(1);
  }

  /** Verifies that an inference refusal (a full queue) arrives as an error frame with its status. */
  @Test
  void relaysAnInferenceRefusalAsAnErrorFrame() throws Exception {
    gateway.fake().script(Scripts.reject(ProblemType.QUEUE_FULL.problem("the normal level is full")));

    frames.send(chat("c1", "hi"));

    assertError(frames.next(), "c1", ProblemType.QUEUE_FULL, "normal level is full");
  }

  /** Verifies that closing the socket cancels every conversation still running on it. */
  @Test
  void closingTheSocketCancelsItsRunningConversations() throws Exception {
    gateway.fake().script(Scripts.hang());
    frames.send(chat("a", "one"));
    frames.send(chat("b", "two"));
    frames.next();
    frames.next();

    socket.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    gateway.fake().cancelsReceived(2).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.fake().cancels()).containsExactlyInAnyOrderElementsOf(
        gateway.fake().submitted().stream().map(r -> r.id()).toList());
  }
}
