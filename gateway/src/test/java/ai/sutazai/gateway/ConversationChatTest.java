package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.HttpResult.SseEvent;
import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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

/** {@code POST /api/v1/chat} kept in conversations: history first, the exchange stored, its id in {@code done}. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConversationChatTest {

  private static final String OWNER = "local";
  private static final String APPEND = StorageAddresses.CONVERSATION_APPEND;

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }

  private static List<String> contents(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getString("content")).toList();
  }

  private JsonArray submittedMessages(int index) {
    return gateway.fake().submitted().get(index).body().getJsonArray("messages");
  }

  private HttpResult chat(JsonObject body) throws Exception {
    return gateway.postJson("/api/v1/chat", body);
  }

  /** Verifies that a chat without a conversation starts one, stored before the answer names it. */
  @Test
  void startsAConversationAndNamesItInTheAnswer() throws Exception {
    HttpResult result = chat(TestGateway.chat("hello?"));

    assertThat(result.status()).isEqualTo(200);
    String id = result.json().getString("conversation_id");
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(result.json().containsKey("storage_error")).isFalse();
    JsonArray stored = gateway.storage().conversation(id).getJsonArray("messages");
    assertThat(contents(stored)).containsExactly("hello?", "Hello, world");
    JsonObject answer = stored.getJsonObject(1);
    assertThat(answer.getString("role")).isEqualTo("assistant");
    assertThat(answer.getString("status")).isEqualTo("complete");
    assertThat(answer.getString("model")).isEqualTo("tinyllama:latest");
    assertThat(answer.getJsonObject("usage")).isEqualTo(new JsonObject().put("prompt_tokens", 5)
        .put("completion_tokens", 3));
    assertThat(answer.getJsonObject("timings").fieldNames()).contains("queue_ms", "ttft_ms", "total_ms");
    assertThat(gateway.storage().calls(APPEND)).singleElement()
        .satisfies(append -> assertThat(append.getString("owner")).isEqualTo(OWNER))
        .satisfies(append -> assertThat(append.getString("id")).isEqualTo(id))
        .satisfies(append -> assertThat(append.getBoolean("create")).isTrue());
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_HISTORY)).isEmpty();
  }

  /**
   * Verifies that continuing a conversation sends its complete history before the new messages and
   * stores only the new ones.
   */
  @Test
  void continuesAConversationWithItsHistoryFirst() throws Exception {
    String id = gateway.storage().seed(OWNER, "sky", message("user", "why is the sky blue?"),
        message("assistant", "Rayleigh scattering."), message("user", "and at sunset?"),
        message("assistant", "It is ...").put("status", "cancelled"));

    HttpResult result = chat(TestGateway.chat("say it shorter").put("conversation_id", id.toUpperCase()));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getString("conversation_id")).isEqualTo(id);
    assertThat(contents(submittedMessages(0))).containsExactly("why is the sky blue?", "Rayleigh scattering.",
        "and at sunset?", "say it shorter");
    JsonObject append = gateway.storage().calls(APPEND).get(0);
    assertThat(append.getString("id")).isEqualTo(id);
    assertThat(append.getJsonArray("messages")).containsExactly(message("user", "say it shorter"));
    assertThat(contents(gateway.storage().conversation(id).getJsonArray("messages")))
        .endsWith("say it shorter", "Hello, world");
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_HISTORY))
        .containsExactly(new JsonObject().put("owner", OWNER).put("id", id));
  }

  /** Verifies that a streamed chat ends with a done event naming its conversation. */
  @Test
  void streamedDoneNamesTheConversation() throws Exception {
    String id = gateway.storage().seed(OWNER, "stream", message("user", "hi"), message("assistant", "hey"));

    HttpResult result = chat(TestGateway.chat("more").put("conversation_id", id).put("stream", true));

    List<SseEvent> events = result.events();
    assertThat(events).extracting(SseEvent::event).containsExactly("token", "token", "token", "done");
    assertThat(events.get(3).json().getString("conversation_id")).isEqualTo(id);
    assertThat(contents(submittedMessages(0))).containsExactly("hi", "hey", "more");
  }

  /** Verifies that an unknown conversation answers 404 with its real status before anything streams or runs. */
  @Test
  void unknownConversationAnswers404BeforeStreaming() throws Exception {
    String foreign = gateway.storage().seed("someone-else", "theirs", message("user", "secret"));
    List<String> ids = List.of(UUID.randomUUID().toString(), foreign);

    for (String id : ids) {
      HttpResult result = chat(TestGateway.chat("hi").put("conversation_id", id).put("stream", true));

      assertThat(result.status()).isEqualTo(404);
      assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(result.json().getString("type")).isEqualTo(ProblemType.NOT_FOUND.uri());
    }
    assertThat(gateway.fake().submitted()).isEmpty();
    assertThat(gateway.storage().calls(APPEND)).isEmpty();
  }

  /** Verifies that a conversation whose history cannot be read while PostgreSQL is down answers 503. */
  @Test
  void historyUnavailableAnswers503() throws Exception {
    String id = gateway.storage().seed(OWNER, "kept", message("user", "hi"));
    gateway.storage().postgresDown("connection refused");

    HttpResult streaming = chat(TestGateway.chat("hi").put("conversation_id", id).put("stream", true));
    HttpResult whole = chat(TestGateway.chat("hi").put("conversation_id", id));

    assertThat(List.of(streaming, whole)).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().getString("type")).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
    });
    assertThat(gateway.fake().submitted()).isEmpty();
  }

  /** Verifies that an answer whose exchange cannot be stored still arrives whole, with the storage error. */
  @Test
  void failedAppendStillAnswersWithTheStorageError() throws Exception {
    String id = gateway.storage().seed(OWNER, "kept", message("user", "hi"), message("assistant", "hey"));
    gateway.storage().failing(APPEND, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL went away"));

    HttpResult result = chat(TestGateway.chat("still there?").put("conversation_id", id));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getJsonObject("message").getString("content")).isEqualTo("Hello, world");
    assertThat(result.json().getString("conversation_id")).isEqualTo(id);
    assertThat(result.json().getString("storage_error")).isEqualTo("PostgreSQL went away");
  }

  /**
   * Verifies that once storage accepts exchanges, done no longer waits for its own exchange's acceptance: a
   * refusal is then logged, and the next done waits again and carries the storage error.
   */
  @Test
  void doneWaitsForAcceptanceOnlyAfterARefusal() throws Exception {
    String id = chat(TestGateway.chat("first")).json().getString("conversation_id");
    gateway.storage().failing(APPEND, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL went away"));

    HttpResult sentAhead = chat(TestGateway.chat("second").put("conversation_id", id));
    HttpResult waited = chat(TestGateway.chat("third").put("conversation_id", id));

    assertThat(sentAhead.json().getString("conversation_id")).isEqualTo(id);
    assertThat(sentAhead.json().containsKey("storage_error")).isFalse();
    assertThat(waited.json().getString("conversation_id")).isEqualTo(id);
    assertThat(waited.json().getString("storage_error")).isEqualTo("PostgreSQL went away");
    assertThat(contents(gateway.storage().conversation(id).getJsonArray("messages")))
        .containsExactly("first", "Hello, world");
  }

  /** Verifies that a streamed answer whose conversation cannot be created ends with done, a null id and the error. */
  @Test
  void failedCreationStillEndsTheStreamWithDone() throws Exception {
    gateway.storage().postgresDown("connection refused");

    HttpResult result = chat(TestGateway.chat("hi").put("stream", true));

    SseEvent done = result.events().get(result.events().size() - 1);
    assertThat(done.event()).isEqualTo("done");
    assertThat(done.json().containsKey("conversation_id")).isTrue();
    assertThat(done.json().getString("conversation_id")).isNull();
    assertThat(done.json().getString("storage_error")).contains("PostgreSQL is not reachable");
  }

  /** Verifies that an answer failing after it started is stored as failed with its partial content. */
  @Test
  void answerFailingMidStreamIsStoredAsFailed() throws Exception {
    gateway.fake().script(Scripts.failAfter(List.of("partial", " answer"),
        ProblemType.OLLAMA_ERROR.problem("llama runner crashed")));

    HttpResult result = chat(TestGateway.chat("hi").put("stream", true));

    assertThat(result.events()).last().extracting(SseEvent::event).isEqualTo("error");
    gateway.storage().callsReceived(APPEND, 1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    JsonObject answer = gateway.storage().calls(APPEND).get(0).getJsonObject("answer");
    assertThat(answer.getString("status")).isEqualTo("failed");
    assertThat(answer.getString("content")).isEqualTo("partial answer");
    assertThat(answer.getString("model")).isEqualTo("tinyllama:latest");
  }

  /** Verifies that a streaming client leaving mid-answer has the partial answer stored as cancelled. */
  @Test
  void clientLeavingIsStoredAsCancelled() throws Exception {
    String id = gateway.storage().seed(OWNER, "story", message("user", "once"), message("assistant", "upon"));
    gateway.fake().script(Scripts.hang());

    gateway.hangUpDuring("/api/v1/chat", TestGateway.chat("a long story").put("conversation_id", id)
        .put("stream", true), true);

    gateway.storage().callsReceived(APPEND, 1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    JsonObject append = gateway.storage().calls(APPEND).get(0);
    assertThat(append.getString("id")).isEqualTo(id);
    assertThat(append.getJsonArray("messages")).containsExactly(message("user", "a long story"));
    assertThat(append.getJsonObject("answer").getString("status")).isEqualTo("cancelled");
    assertThat(append.getJsonObject("answer").getString("content")).isEqualTo("first");
    assertThat(gateway.fake().cancels()).hasSize(1);
  }

  /** Verifies that chats refused before they started (429, unknown model, deadline in the queue) store nothing. */
  @Test
  void refusedChatsStoreNothing() throws Exception {
    gateway.fake().script(Scripts.reject(ProblemType.QUEUE_FULL.problem("the normal level is full")));
    HttpResult full = chat(TestGateway.chat("one").put("stream", true));
    gateway.fake().script(Scripts.failBeforeStart(ProblemType.MODEL_NOT_FOUND.problem("model \"x\" not found")));
    HttpResult unknownModel = chat(TestGateway.chat("two").put("model", "x"));
    gateway.fake().script(Scripts.failBeforeStart(ProblemType.DEADLINE_EXCEEDED.problem("waited too long")));
    HttpResult expired = chat(TestGateway.chat("three").put("stream", true));
    gateway.fake().script(Scripts.answer(List.of("ok"), 0));

    chat(TestGateway.chat("four"));

    assertThat(List.of(full.status(), unknownModel.status(), expired.status())).containsExactly(429, 404, 504);
    gateway.storage().callsReceived(APPEND, 1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.storage().calls(APPEND)).singleElement()
        .satisfies(append -> assertThat(append.getJsonArray("messages")).containsExactly(message("user", "four")));
  }

  /** Verifies that the OpenAI and Ollama surfaces neither read nor store conversations. */
  @Test
  void compatibleSurfacesStoreNothing() throws Exception {
    List<HttpResult> results = List.of(
        gateway.postJson("/v1/chat/completions", TestGateway.chat("a").put("model", "m")),
        gateway.postJson("/v1/chat/completions", TestGateway.chat("b").put("model", "m").put("stream", true)),
        gateway.postJson("/api/chat", TestGateway.chat("c").put("model", "m").put("stream", false)),
        gateway.postJson("/api/chat", TestGateway.chat("d").put("model", "m")),
        gateway.postJson("/api/generate", new JsonObject().put("model", "m").put("prompt", "e")));

    chat(TestGateway.chat("native"));

    assertThat(results).extracting(HttpResult::status).containsOnly(200);
    gateway.storage().callsReceived(APPEND, 1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.storage().calls(APPEND)).singleElement()
        .satisfies(append -> assertThat(append.getJsonArray("messages")).containsExactly(message("user", "native")));
    assertThat(gateway.storage().requestIds()).hasSize(1);
  }

  /** Verifies that the client's cache choice reaches the inference request, and is absent when not given. */
  @Test
  void passesTheCacheChoiceToInference() throws Exception {
    chat(TestGateway.chat("a").put("cache", false));
    chat(TestGateway.chat("b").put("cache", true));
    chat(TestGateway.chat("c"));

    assertThat(gateway.fake().submitted()).extracting(r -> r.body().getValue("cache"))
        .containsExactly(false, true, null);
    assertThat(gateway.fake().submitted().get(2).body().containsKey("cache")).isFalse();
  }
}
