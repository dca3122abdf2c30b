package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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

/** {@code /api/v1/conversations}: listing, reading, renaming and deleting the owner's stored conversations. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConversationRoutesTest {

  private static final String OWNER = "local";
  private static final String CONVERSATIONS = "/api/v1/conversations";

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private String seed(String owner, String title) {
    return gateway.storage().seed(owner, title,
        new JsonObject().put("role", "user").put("content", "why is the sky blue?"),
        new JsonObject().put("role", "assistant").put("content", "Rayleigh scattering."));
  }

  private static String one(String id) {
    return CONVERSATIONS + "/" + id;
  }

  private static List<String> titles(HttpResult page) {
    return page.json().getJsonArray("conversations").stream().map(c -> ((JsonObject) c).getString("title")).toList();
  }

  /** Verifies that the list pages through the owner's conversations, most recently updated first. */
  @Test
  void listsTheOwnersConversationsNewestFirstInPages() throws Exception {
    seed(OWNER, "first");
    seed("someone-else", "not mine");
    seed(OWNER, "second");
    seed(OWNER, "third");

    HttpResult firstPage = gateway.get(CONVERSATIONS + "?limit=2");
    String cursor = firstPage.json().getString("next_cursor");
    HttpResult lastPage = gateway.get(CONVERSATIONS + "?limit=2&cursor=" + cursor);

    assertThat(firstPage.status()).isEqualTo(200);
    assertThat(titles(firstPage)).containsExactly("third", "second");
    assertThat(cursor).isNotBlank();
    assertThat(titles(lastPage)).containsExactly("first");
    assertThat(lastPage.json().containsKey("next_cursor")).isTrue();
    assertThat(lastPage.json().getString("next_cursor")).isNull();
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_LIST)).containsExactly(
        new JsonObject().put("owner", OWNER).put("limit", 2),
        new JsonObject().put("owner", OWNER).put("cursor", cursor).put("limit", 2));
  }

  /** Verifies that without parameters, or with an empty cursor, storage is asked for its first default-sized page. */
  @Test
  void listsTheFirstPageWithoutParameters() throws Exception {
    seed(OWNER, "only");

    HttpResult plain = gateway.get(CONVERSATIONS);
    HttpResult emptyCursor = gateway.get(CONVERSATIONS + "?cursor=");

    assertThat(titles(plain)).containsExactly("only");
    assertThat(titles(emptyCursor)).containsExactly("only");
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_LIST))
        .containsOnly(new JsonObject().put("owner", OWNER));
  }

  /** Verifies that a cursor storage cannot read answers storage's 400. */
  @Test
  void relaysStoragesRefusalOfAMalformedCursor() throws Exception {
    HttpResult result = gateway.get(CONVERSATIONS + "?cursor=garbage!");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getString("detail")).contains("cursor");
  }

  /** Verifies that a conversation is answered with its messages in order, and the request id reaches storage. */
  @Test
  void getsAConversationWithItsMessages() throws Exception {
    String id = seed(OWNER, "sky");

    HttpResult result = gateway.send(HttpMethod.GET, one(id), MultiMap.caseInsensitiveMultiMap()
        .add("X-Request-ID", "conv-get-1"), null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(200);
    JsonObject conversation = result.json();
    assertThat(conversation.getString("id")).isEqualTo(id);
    assertThat(conversation.getString("title")).isEqualTo("sky");
    assertThat(conversation.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("content")))
        .containsExactly("why is the sky blue?", "Rayleigh scattering.");
    assertThat(gateway.storage().requestIds()).containsExactly("conv-get-1");
  }

  /** Verifies that a rename answers the renamed conversation and the new title is kept. */
  @Test
  void renamesAConversation() throws Exception {
    String id = seed(OWNER, "old");

    HttpResult result = gateway.patchJson(one(id), new JsonObject().put("title", "Why the sky is blue"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().getString("title")).isEqualTo("Why the sky is blue");
    assertThat(gateway.get(one(id)).json().getString("title")).isEqualTo("Why the sky is blue");
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_RENAME)).containsExactly(
        new JsonObject().put("owner", OWNER).put("id", id).put("title", "Why the sky is blue"));
  }

  /** Verifies that a title of exactly 200 characters is accepted. */
  @Test
  void acceptsATitleOfTwoHundredCharacters() throws Exception {
    String id = seed(OWNER, "old");

    HttpResult result = gateway.patchJson(one(id), new JsonObject().put("title", "é".repeat(200)));

    assertThat(result.status()).isEqualTo(200);
  }

  /** Verifies that a rename with another field, or a title missing, not a string, blank or too long, answers 400. */
  @Test
  void refusesBadRenamesWithoutAskingStorage() throws Exception {
    String id = seed(OWNER, "old");
    List<JsonObject> bodies = List.of(
        new JsonObject().put("title", "ok").put("owner", "mallory"),
        new JsonObject(),
        new JsonObject().put("title", 42),
        new JsonObject().put("title", "   "),
        new JsonObject().put("title", "x".repeat(201)));
    List<String> details = List.of("/owner is not a known field", "/title is required", "/title must be a string",
        "/title must be a string that is not blank", "/title must be at most 200 characters, got 201");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResult result = gateway.patchJson(one(id), bodies.get(i));

      assertThat(result.status()).isEqualTo(400);
      assertThat(result.json().getString("type")).isEqualTo(ProblemType.INVALID_REQUEST.uri());
      assertThat(result.json().getString("detail")).startsWith(details.get(i));
    }
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_RENAME)).isEmpty();
    assertThat(gateway.storage().conversation(id).getString("title")).isEqualTo("old");
  }

  /** Verifies that a delete answers 204 and the conversation is gone afterwards. */
  @Test
  void deletesAConversation() throws Exception {
    String id = seed(OWNER, "doomed");

    HttpResult deleted = gateway.delete(one(id));
    HttpResult after = gateway.get(one(id));

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(after.status()).isEqualTo(404);
    assertThat(gateway.storage().conversation(id)).isNull();
  }

  /** Verifies that a malformed id answers 400 on every method before storage is asked. */
  @Test
  void refusesAMalformedIdBeforeAskingStorage() throws Exception {
    List<HttpResult> results = List.of(
        gateway.get(one("not-a-uuid")),
        gateway.patchJson(one("1-2-3-4-5"), new JsonObject().put("title", "t")),
        gateway.delete(one("7d0b4cbe3c4f4a599a4e0f6e8d9c2b11")));

    assertThat(results).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().getString("detail")).startsWith("path parameter id must be a conversation id (a UUID)");
    });
    assertThat(gateway.storage().requestIds()).isEmpty();
  }

  /** Verifies that a limit that is not a whole number from 1 to 100 answers 400 before storage is asked. */
  @Test
  void refusesABadLimitBeforeAskingStorage() throws Exception {
    for (String limit : List.of("0", "101", "abc", "1.5", "-1", "", "99999999999")) {
      HttpResult result = gateway.get(CONVERSATIONS + "?limit=" + limit);

      assertThat(result.status()).as("limit=%s", limit).isEqualTo(400);
      assertThat(result.json().getString("detail"))
          .isEqualTo("query parameter limit must be a whole number from 1 to 100, got \"" + limit + "\"");
    }
    assertThat(gateway.get(CONVERSATIONS + "?limit=100").status()).isEqualTo(200);
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_LIST)).hasSize(1);
  }

  /** Verifies that an unknown conversation, or another owner's, answers 404 on every method. */
  @Test
  void answers404ForAnUnknownOrForeignConversation() throws Exception {
    String foreign = seed("someone-else", "theirs");
    String unknown = UUID.randomUUID().toString();

    List<HttpResult> results = List.of(
        gateway.get(one(unknown)),
        gateway.get(one(foreign)),
        gateway.patchJson(one(foreign), new JsonObject().put("title", "mine now")),
        gateway.delete(one(foreign)),
        gateway.delete(one(unknown)));

    assertThat(results).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo(ProblemType.NOT_FOUND.uri());
    });
    assertThat(gateway.storage().conversation(foreign).getString("title")).isEqualTo("theirs");
  }

  /** Verifies that every conversation route answers 503 storage-unavailable while PostgreSQL is down. */
  @Test
  void answers503WhilePostgresIsDown() throws Exception {
    String id = seed(OWNER, "kept");
    gateway.storage().postgresDown("connection refused");

    List<HttpResult> results = List.of(
        gateway.get(CONVERSATIONS),
        gateway.get(one(id)),
        gateway.patchJson(one(id), new JsonObject().put("title", "t")),
        gateway.delete(one(id)));

    assertThat(results).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
      assertThat(r.json().getString("detail")).contains("connection refused");
    });
  }

  /** Verifies that the routes answer 503 storage-unavailable when the storage verticle is not running. */
  @Test
  void answers503WhenStorageIsNotRunning() throws Exception {
    gateway.storage().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    HttpResult result = gateway.get(CONVERSATIONS);

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
    assertThat(result.json().getString("detail")).isEqualTo("storage is not running");
  }

  /** Verifies that a method the conversation routes do not take answers 405. */
  @Test
  void answers405ForAnUnknownMethod() throws Exception {
    HttpResult onList = gateway.postJson(CONVERSATIONS, new JsonObject());
    HttpResult onOne = gateway.send(HttpMethod.PUT, one(UUID.randomUUID().toString()), null, null)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(onList.status()).isEqualTo(405);
    assertThat(onList.header("Allow")).isEqualTo("GET");
    assertThat(onOne.status()).isEqualTo(405);
    assertThat(onOne.header("Allow")).isEqualTo("DELETE, GET, PATCH");
    assertThat(onOne.json().getString("type")).isEqualTo(ProblemType.METHOD_NOT_ALLOWED.uri());
    assertThat(gateway.storage().requestIds()).isEmpty();
  }

  /** Verifies that the messages of a conversation keep their stored status, model, usage and timings. */
  @Test
  void showsWhatWasStoredForEachMessage() throws Exception {
    String id = gateway.storage().seed(OWNER, "partial",
        new JsonObject().put("role", "user").put("content", "tell me"),
        new JsonObject().put("role", "assistant").put("content", "once upon").put("status", "cancelled")
            .put("model", "tinyllama:latest"));

    JsonArray messages = gateway.get(one(id)).json().getJsonArray("messages");

    assertThat(messages.getJsonObject(1).getString("status")).isEqualTo("cancelled");
    assertThat(messages.getJsonObject(1).getString("model")).isEqualTo("tinyllama:latest");
    assertThat(messages.getJsonObject(0).getInteger("seq")).isEqualTo(1);
  }
}
