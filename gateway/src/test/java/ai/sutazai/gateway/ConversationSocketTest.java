package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.SocketFrames;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /ws/chat} chats kept in conversations: the done frame names it, cancels and failures are stored. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConversationSocketTest {

  private static final String APPEND = StorageAddresses.CONVERSATION_APPEND;

  private TestGateway gateway;
  private WebSocket socket;
  private SocketFrames frames;

  @BeforeEach
  void connect(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    socket = gateway.chatSocket();
    frames = new SocketFrames(socket);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static JsonObject chat(String id, String text) {
    return TestGateway.chat(text).put("type", "chat").put("id", id);
  }

  private JsonObject doneOf(String id) throws InterruptedException {
    List<JsonObject> received = frames.until(SocketFrames.ended(id));
    return received.get(received.size() - 1);
  }

  private JsonObject storedAnswer() throws Exception {
    gateway.storage().callsReceived(APPEND, 1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    return gateway.storage().calls(APPEND).get(0).getJsonObject("answer");
  }

  /** Verifies that a chat's done frame names its new conversation, and a follow-up continues it with its history. */
  @Test
  void doneFrameNamesTheConversationThatTheNextChatContinues() throws Exception {
    frames.send(chat("c1", "first question"));
    JsonObject firstDone = doneOf("c1");
    String conversation = firstDone.getString("conversation_id");

    frames.send(chat("c2", "second question").put("conversation_id", conversation));
    JsonObject secondDone = doneOf("c2");

    assertThat(firstDone.getString("type")).isEqualTo("done");
    assertThat(UUID.fromString(conversation)).isNotNull();
    assertThat(secondDone.getString("type")).isEqualTo("done");
    assertThat(secondDone.getString("conversation_id")).isEqualTo(conversation);
    assertThat(gateway.fake().submitted().get(1).body().getJsonArray("messages").stream()
        .map(m -> ((JsonObject) m).getString("content")))
        .containsExactly("first question", "Hello, world", "second question");
  }

  /** Verifies that an unknown conversation gets an error frame with the chat's id, and the socket keeps serving. */
  @Test
  void unknownConversationGetsAnErrorFrame() throws Exception {
    frames.send(chat("c1", "hi").put("conversation_id", UUID.randomUUID().toString()));

    JsonObject error = frames.next();

    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getString("id")).isEqualTo("c1");
    assertThat(error.getInteger("status")).isEqualTo(404);
    assertThat(error.getString("problem_type")).isEqualTo(ProblemType.NOT_FOUND.uri());
    assertThat(gateway.fake().submitted()).isEmpty();
    frames.send(chat("c2", "still there?"));
    assertThat(doneOf("c2").getString("type")).isEqualTo("done");
  }

  /** Verifies that a storage outage while reading the history gets a 503 error frame. */
  @Test
  void historyUnavailableGetsA503ErrorFrame() throws Exception {
    gateway.storage().postgresDown("connection refused");

    frames.send(chat("c1", "hi").put("conversation_id", UUID.randomUUID().toString()));

    JsonObject error = frames.next();
    assertThat(error.getString("id")).isEqualTo("c1");
    assertThat(error.getInteger("status")).isEqualTo(503);
    assertThat(error.getString("problem_type")).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
  }

  /** Verifies that a done frame still arrives, with the storage error, when the exchange cannot be stored. */
  @Test
  void failedAppendStillSendsDoneWithTheStorageError() throws Exception {
    gateway.storage().failing(APPEND, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL went away"));

    frames.send(chat("c1", "hi"));
    JsonObject done = doneOf("c1");

    assertThat(done.getString("type")).isEqualTo("done");
    assertThat(done.containsKey("conversation_id")).isTrue();
    assertThat(done.getString("conversation_id")).isNull();
    assertThat(done.getString("storage_error")).isEqualTo("PostgreSQL went away");
  }

  /** Verifies that a cancel frame has the partial answer stored as cancelled. */
  @Test
  void cancelFrameStoresThePartialAnswerAsCancelled() throws Exception {
    gateway.fake().script(Scripts.hang());
    frames.send(chat("c1", "long story"));
    assertThat(frames.next().getString("type")).isEqualTo("token");

    frames.send(new JsonObject().put("type", "cancel").put("id", "c1"));

    assertThat(frames.next()).isEqualTo(new JsonObject().put("type", "cancelled").put("id", "c1"));
    JsonObject answer = storedAnswer();
    assertThat(answer.getString("status")).isEqualTo("cancelled");
    assertThat(answer.getString("content")).isEqualTo("first");
  }

  /** Verifies that closing the socket has the running answer stored as cancelled. */
  @Test
  void closingTheSocketStoresTheRunningAnswerAsCancelled() throws Exception {
    gateway.fake().script(Scripts.hang());
    frames.send(chat("c1", "long story"));
    frames.next();

    socket.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(storedAnswer().getString("status")).isEqualTo("cancelled");
  }

  /** Verifies that an answer failing after it started is stored as failed. */
  @Test
  void answerFailingMidStreamIsStoredAsFailed() throws Exception {
    gateway.fake().script(Scripts.failAfter(List.of("half"), ProblemType.OLLAMA_ERROR.problem("runner crashed")));

    frames.send(chat("c1", "hi"));

    assertThat(doneOf("c1").getString("type")).isEqualTo("error");
    JsonObject answer = storedAnswer();
    assertThat(answer.getString("status")).isEqualTo("failed");
    assertThat(answer.getString("content")).isEqualTo("half");
  }

  /** Verifies that a chat refused before it started stores nothing. */
  @Test
  void refusedChatStoresNothing() throws Exception {
    gateway.fake().script(Scripts.reject(ProblemType.QUEUE_FULL.problem("the normal level is full")));
    frames.send(chat("c1", "refused"));
    assertThat(frames.next().getInteger("status")).isEqualTo(429);
    gateway.fake().script(Scripts.answer(List.of("ok"), 0));

    frames.send(chat("c2", "served"));
    doneOf("c2");

    assertThat(gateway.storage().calls(APPEND)).singleElement()
        .satisfies(a -> assertThat(a.getJsonArray("messages").getJsonObject(0).getString("content"))
            .isEqualTo("served"));
  }
}
