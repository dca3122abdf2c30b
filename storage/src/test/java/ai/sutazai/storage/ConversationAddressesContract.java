package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_APPEND;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_DELETE;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_HISTORY;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_LIST;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_RENAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conversation address of a deployed storage verticle, over the event bus, with the history window at
 * {@value #MAX_MESSAGES} messages and {@value #MAX_TOKENS} tokens. Subclasses say where PostgreSQL is; the
 * verticle is deployed once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConversationAddressesContract {

  static final int MAX_MESSAGES = 6;
  static final int MAX_TOKENS = 60;

  private Vertx vertx;
  private StorageBus bus;

  /** Adds where PostgreSQL is to the verticle's configuration. */
  abstract StorageConfig withPostgres(StorageConfig config);

  /** {@code embedded} or {@code external}. */
  abstract String expectedMode();

  /** Runs once the verticle and its Vert.x instance are closed. */
  void afterUndeploy() {
  }

  @BeforeAll
  void deploy(@TempDir Path dataDir) {
    vertx = Vertx.vertx();
    StorageBus.deploy(vertx, withPostgres(StorageConfig.create()
      .with("history.max_messages", MAX_MESSAGES)
      .with("history.max_tokens", MAX_TOKENS)
      .with("data.dir", dataDir.toString())).json());
    bus = new StorageBus(vertx);
  }

  @AfterAll
  void undeploy() {
    TestServer.await(vertx.close());
    afterUndeploy();
  }

  /** Verifies that an append without id creates a conversation titled after the first user message, with every detail of the answer. */
  @Test
  void appendWithoutIdCreatesConversation() {
    String owner = owner();
    JsonObject answer = new JsonObject().put("content", "Paris.").put("status", "complete").put("model", "llama3.2:1b")
      .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 3))
      .put("timings", new JsonObject().put("queue_ms", 4).put("ttft_ms", 80).put("total_ms", 120));

    // WHEN a first exchange is appended without an id
    String id = bus.request(CONVERSATION_APPEND, new JsonObject().put("owner", owner)
      .put("messages", new JsonArray()
        .add(message("system", "Be brief."))
        .add(message("user", "  What is\n the capital   of France? ")))
      .put("answer", answer)).getString("id");

    // THEN it is a conversation of its own, titled after the question, holding the three messages in order
    JsonObject conversation = get(owner, id);
    assertThat(conversation.getString("id")).isEqualTo(id);
    assertThat(conversation.getString("owner")).isEqualTo(owner);
    assertThat(conversation.getString("title")).isEqualTo("What is the capital of France?");
    assertThat(conversation.getString("created_at")).isNotBlank();
    JsonArray messages = conversation.getJsonArray("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.getJsonObject(0).getString("role")).isEqualTo("system");
    assertThat(messages.getJsonObject(1).getString("status")).isEqualTo("complete");
    JsonObject stored = messages.getJsonObject(2);
    assertThat(stored.getInteger("seq")).isEqualTo(3);
    assertThat(stored.getString("role")).isEqualTo("assistant");
    assertThat(stored.getString("content")).isEqualTo("Paris.");
    assertThat(stored.getString("model")).isEqualTo("llama3.2:1b");
    assertThat(stored.getJsonObject("usage")).isEqualTo(answer.getJsonObject("usage"));
    assertThat(stored.getJsonObject("timings")).isEqualTo(answer.getJsonObject("timings"));
    assertThat(stored.getString("created_at")).isNotBlank();
  }

  /** Verifies the title of a new conversation: the one given (trimmed), a long question cut at 80 characters, or a default. */
  @Test
  void newConversationTitles() {
    String owner = owner();
    String given = create(owner, new JsonObject().put("title", "  Holiday plans  "), exchange("hi", "hello"));
    String longQuestion = "word ".repeat(40);
    String cut = create(owner, new JsonObject(), exchange(longQuestion, "ok"));
    String untitled = create(owner, new JsonObject(), new JsonObject()
      .put("messages", new JsonArray().add(message("system", "You are terse.")))
      .put("answer", complete("Understood.")));

    assertThat(get(owner, given).getString("title")).isEqualTo("Holiday plans");
    String title = get(owner, cut).getString("title");
    assertThat(title).hasSize(80).endsWith("…").startsWith("word word");
    assertThat(get(owner, untitled).getString("title")).isEqualTo("New conversation");
  }

  /** Verifies that appends to a conversation continue its sequence, client messages first, then the answer. */
  @Test
  void appendContinuesTheConversation() {
    String owner = owner();
    String id = create(owner, new JsonObject(), exchange("2+2?", "4"));

    JsonObject reply = bus.request(CONVERSATION_APPEND, new JsonObject().put("owner", owner).put("id", id)
      .put("messages", new JsonArray().add(message("user", "and 3+3?")).add(message("tool", "calculator: 6")))
      .put("answer", complete("6")));

    assertThat(reply).isEqualTo(new JsonObject().put("id", id));
    JsonArray messages = get(owner, id).getJsonArray("messages");
    assertThat(messages.stream().map(m -> ((JsonObject) m).getInteger("seq")).toList()).containsExactly(1, 2, 3, 4, 5);
    assertThat(contents(messages)).containsExactly("2+2?", "4", "and 3+3?", "calculator: 6", "6");
  }

  /** Verifies that listing walks an owner's conversations most recently updated first, page by page, and shows no one else's. */
  @Test
  void listPagesNewestFirst() {
    String owner = owner();
    List<String> oldestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      oldestFirst.add(create(owner, new JsonObject().put("title", "c" + i), exchange("q" + i, "a" + i)));
    }
    create(owner(), new JsonObject(), exchange("not yours", "no"));
    bus.request(CONVERSATION_APPEND, appendTo(owner, oldestFirst.get(0), "bump", "ok"));

    List<String> listed = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject request = new JsonObject().put("owner", owner).put("limit", 2);
      if (cursor != null) {
        request.put("cursor", cursor);
      }
      JsonObject page = bus.request(CONVERSATION_LIST, request);
      JsonArray conversations = page.getJsonArray("conversations");
      conversations.forEach(c -> listed.add(((JsonObject) c).getString("id")));
      pageSizes.add(conversations.size());
      assertThat(page.containsKey("next_cursor")).isTrue();
      cursor = page.getString("next_cursor");
    } while (cursor != null);

    assertThat(pageSizes).containsExactly(2, 2, 1);
    assertThat(listed).containsExactly(oldestFirst.get(0), oldestFirst.get(4), oldestFirst.get(3),
      oldestFirst.get(2), oldestFirst.get(1));
    JsonObject all = bus.request(CONVERSATION_LIST, new JsonObject().put("owner", owner));
    assertThat(all.getJsonArray("conversations")).hasSize(5);
    assertThat(all.getValue("next_cursor")).isNull();
  }

  /** Verifies that rename replies the renamed conversation, trimmed, and that delete removes it for good. */
  @Test
  void renameThenDelete() {
    String owner = owner();
    String id = create(owner, new JsonObject(), exchange("hi", "hello"));

    JsonObject renamed = bus.request(CONVERSATION_RENAME, new JsonObject().put("owner", owner).put("id", id)
      .put("title", " Greetings "));
    JsonObject deleted = bus.request(CONVERSATION_DELETE, new JsonObject().put("owner", owner).put("id", id));

    assertThat(renamed.getString("id")).isEqualTo(id);
    assertThat(renamed.getString("title")).isEqualTo("Greetings");
    assertThat(renamed.containsKey("messages")).isFalse();
    assertThat(deleted).isEqualTo(new JsonObject());
    assertThat(bus.failure(CONVERSATION_GET, new JsonObject().put("owner", owner).put("id", id)).status())
      .isEqualTo(404);
    assertThat(bus.request(CONVERSATION_LIST, new JsonObject().put("owner", owner))
      .getJsonArray("conversations")).isEmpty();
  }

  /** Verifies that cancelled and failed answers are stored with their status but left out of the history. */
  @Test
  void unfinishedAnswersAreKeptButNotSentToTheModel() {
    String owner = owner();
    String id = create(owner, new JsonObject(), exchange("q1", "a1"));
    bus.request(CONVERSATION_APPEND, appendTo(owner, id, "q2", null)
      .put("answer", new JsonObject().put("content", "partial").put("status", "cancelled")));
    bus.request(CONVERSATION_APPEND, appendTo(owner, id, "q3", null)
      .put("answer", new JsonObject().put("content", "").put("status", "failed")));

    JsonArray stored = get(owner, id).getJsonArray("messages");
    JsonObject history = bus.request(CONVERSATION_HISTORY, new JsonObject().put("owner", owner).put("id", id));

    assertThat(stored.stream().map(m -> ((JsonObject) m).getString("status")).toList())
      .containsExactly("complete", "complete", "complete", "cancelled", "complete", "failed");
    assertThat(history.getJsonArray("messages")).containsExactly(
      message("user", "q1"), message("assistant", "a1"), message("user", "q2"), message("user", "q3"));
  }

  /** Verifies that the history holds at most the newest {@value #MAX_MESSAGES} messages, oldest first. */
  @Test
  void historyWindowByMessages() {
    String owner = owner();
    String id = create(owner, new JsonObject(), exchange("q1", "a1"));
    for (int i = 2; i <= 5; i++) {
      bus.request(CONVERSATION_APPEND, appendTo(owner, id, "q" + i, "a" + i));
    }

    JsonObject history = bus.request(CONVERSATION_HISTORY, new JsonObject().put("owner", owner).put("id", id));

    assertThat(contents(history.getJsonArray("messages"))).containsExactly("q3", "a3", "q4", "a4", "q5", "a5");
  }

  /** Verifies that the history drops its oldest messages to fit the token budget, counting stored completion tokens for answers. */
  @Test
  void historyWindowByTokens() {
    String owner = owner();
    // 100 characters is about 25 tokens; the short answer cost 30 completion tokens
    String id = create(owner, new JsonObject(), new JsonObject()
      .put("messages", new JsonArray().add(message("user", "x".repeat(100))))
      .put("answer", complete("ok").put("usage", new JsonObject().put("completion_tokens", 30))));
    bus.request(CONVERSATION_APPEND, appendTo(owner, id, "y".repeat(40), null)
      .put("answer", complete("fine")
        .put("usage", new JsonObject().put("prompt_tokens", 70).put("completion_tokens", 5))));

    JsonObject history = bus.request(CONVERSATION_HISTORY, new JsonObject().put("owner", owner).put("id", id));

    // 25 + 30 + 10 + 5 = 70 > 60: the oldest message goes, 45 tokens remain
    assertThat(contents(history.getJsonArray("messages"))).containsExactly("ok", "y".repeat(40), "fine");
  }

  /** Verifies that concurrent appends to one conversation all land, each exchange in one piece, with consecutive sequence numbers. */
  @Test
  void concurrentAppendsKeepOrderAndLoseNothing() {
    String owner = owner();
    String id = create(owner, new JsonObject(), exchange("start", "started"));
    int appends = 12;

    List<Future<Message<Object>>> replies = IntStream.range(0, appends)
      .mapToObj(i -> vertx.eventBus().request(CONVERSATION_APPEND, appendTo(owner, id, "q" + i, "a" + i)))
      .toList();
    TestServer.await(Future.all(replies));

    JsonArray messages = get(owner, id).getJsonArray("messages");
    assertThat(messages).hasSize(2 + 2 * appends);
    List<String> contents = contents(messages);
    for (int seq = 1; seq <= messages.size(); seq++) {
      assertThat(messages.getJsonObject(seq - 1).getInteger("seq")).isEqualTo(seq);
    }
    for (int i = 2; i < contents.size(); i += 2) {
      String question = contents.get(i);
      assertThat(contents.get(i + 1)).as("the answer right after %s", question).isEqualTo("a" + question.substring(1));
    }
    assertThat(contents).containsAll(IntStream.range(0, appends).mapToObj(i -> "q" + i).toList());
  }

  /** Verifies that another owner's conversation is answered 404 at every address and is left untouched. */
  @Test
  void ownersAreIsolated() {
    String alice = owner();
    String bob = owner();
    String id = create(alice, new JsonObject().put("title", "private"), exchange("secret", "noted"));
    JsonObject asBob = new JsonObject().put("owner", bob).put("id", id);

    for (Problem problem : List.of(
        bus.failure(CONVERSATION_GET, asBob),
        bus.failure(CONVERSATION_HISTORY, asBob),
        bus.failure(CONVERSATION_RENAME, asBob.copy().put("title", "mine now")),
        bus.failure(CONVERSATION_APPEND, appendTo(bob, id, "hello?", "hi")),
        bus.failure(CONVERSATION_DELETE, asBob))) {
      assertThat(problem.status()).isEqualTo(404);
      assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND.uri());
      assertThat(problem.detail()).isEqualTo("no conversation has id " + id);
    }
    assertThat(bus.request(CONVERSATION_LIST, new JsonObject().put("owner", bob)).getJsonArray("conversations"))
      .isEmpty();
    JsonObject untouched = get(alice, id);
    assertThat(untouched.getString("title")).isEqualTo("private");
    assertThat(untouched.getJsonArray("messages")).hasSize(2);
  }

  /** Verifies that an append with create starts a conversation under the caller's id, once only. */
  @Test
  void createWithTheCallersId() {
    String owner = owner();
    String id = UUID.randomUUID().toString();

    JsonObject reply = bus.request(CONVERSATION_APPEND, appendTo(owner, id, "first", "one").put("create", true));
    Problem again = bus.failure(CONVERSATION_APPEND, appendTo(owner, id, "again", "two").put("create", true));

    assertThat(reply.getString("id")).isEqualTo(id);
    assertThat(again.status()).isEqualTo(409);
    assertThat(contents(bus.request(CONVERSATION_GET, new JsonObject().put("owner", owner).put("id", id))
      .getJsonArray("messages"))).containsExactly("first", "one");
  }

  /** Verifies that an id nobody has is answered 404 naming it at every address that takes an id. */
  @Test
  void unknownIdIsNotFound() {
    String owner = owner();
    String id = UUID.randomUUID().toString();
    JsonObject request = new JsonObject().put("owner", owner).put("id", id);

    assertThat(List.of(
        bus.failure(CONVERSATION_GET, request),
        bus.failure(CONVERSATION_HISTORY, request),
        bus.failure(CONVERSATION_RENAME, request.copy().put("title", "t")),
        bus.failure(CONVERSATION_DELETE, request),
        bus.failure(CONVERSATION_APPEND, appendTo(owner, id, "q", "a"))))
      .allSatisfy(problem -> {
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).isEqualTo("no conversation has id " + id);
      });
  }

  static Stream<Arguments> invalidRequests() {
    String id = UUID.randomUUID().toString();
    JsonObject byId = new JsonObject().put("owner", "o").put("id", id);
    JsonObject append = exchange("q", "a").put("owner", "o");
    return Stream.of(
      arguments(CONVERSATION_LIST, "a string body", "JSON object"),
      arguments(CONVERSATION_LIST, new JsonObject(), "'owner'"),
      arguments(CONVERSATION_LIST, new JsonObject().put("owner", " "), "'owner'"),
      arguments(CONVERSATION_LIST, new JsonObject().put("owner", 7), "'owner'"),
      arguments(CONVERSATION_LIST, new JsonObject().put("owner", "o").put("limit", 0), "'limit'"),
      arguments(CONVERSATION_LIST, new JsonObject().put("owner", "o").put("limit", 101), "'limit'"),
      arguments(CONVERSATION_LIST, new JsonObject().put("owner", "o").put("limit", "5"), "'limit'"),
      arguments(CONVERSATION_LIST, new JsonObject().put("owner", "o").put("cursor", "not-a-cursor"), "'cursor'"),
      arguments(CONVERSATION_GET, new JsonObject().put("owner", "o"), "'id'"),
      arguments(CONVERSATION_GET, new JsonObject().put("owner", "o").put("id", "abc"),
        "'id' must be a UUID, got \"abc\""),
      arguments(CONVERSATION_GET, new JsonObject().put("id", id), "'owner'"),
      arguments(CONVERSATION_HISTORY, new JsonObject().put("owner", "o").put("id", 42), "'id'"),
      arguments(CONVERSATION_DELETE, new JsonObject().put("owner", "").put("id", id), "'owner'"),
      arguments(CONVERSATION_RENAME, byId, "'title'"),
      arguments(CONVERSATION_RENAME, byId.copy().put("title", "   "), "'title'"),
      arguments(CONVERSATION_RENAME, byId.copy().put("title", "t".repeat(201)), "'title'"),
      arguments(CONVERSATION_RENAME, byId.copy().put("title", 5), "'title'"),
      arguments(CONVERSATION_APPEND, append.copy().put("id", "abc"), "'id'"),
      arguments(CONVERSATION_APPEND, append.copy().put("title", ""), "'title'"),
      arguments(CONVERSATION_APPEND, append.copy().put("messages", new JsonArray()), "'messages'"),
      arguments(CONVERSATION_APPEND, without(append, "messages"), "'messages'"),
      arguments(CONVERSATION_APPEND, append.copy().put("messages", new JsonArray().add("hi")), "'messages[0]'"),
      arguments(CONVERSATION_APPEND, append.copy().put("messages", new JsonArray().add(message("user", "ok"))
        .add(message("robot", "beep"))), "'messages[1].role'"),
      arguments(CONVERSATION_APPEND, append.copy().put("messages", new JsonArray()
        .add(new JsonObject().put("role", "user"))), "'messages[0].content'"),
      arguments(CONVERSATION_APPEND, append.copy().put("messages", new JsonArray()
        .add(message("user", "nul\u0000byte"))), "'messages[0].content'"),
      arguments(CONVERSATION_APPEND, without(append, "answer"), "'answer'"),
      arguments(CONVERSATION_APPEND, append.copy().put("create", true), "'create'"),
      arguments(CONVERSATION_APPEND, append.copy().put("id", id).put("create", "yes"), "'create'"),
      arguments(CONVERSATION_APPEND, append.copy().put("answer", new JsonObject().put("status", "complete")),
        "'answer.content'"),
      arguments(CONVERSATION_APPEND, append.copy().put("answer", complete("x").put("status", "done")),
        "'answer.status'"),
      arguments(CONVERSATION_APPEND, append.copy().put("answer", complete("x").put("model", 3)), "'answer.model'"),
      arguments(CONVERSATION_APPEND, append.copy().put("answer", complete("x").put("usage", "lots")),
        "'answer.usage'"),
      arguments(CONVERSATION_APPEND, append.copy().put("answer", complete("x")
        .put("usage", new JsonObject().put("prompt_tokens", -1))), "'answer.usage.prompt_tokens'"),
      arguments(CONVERSATION_APPEND, append.copy().put("answer", complete("x")
        .put("timings", new JsonObject().put("ttft_ms", "soon"))), "'answer.timings.ttft_ms'"));
  }

  /** Verifies that a malformed request is answered 400 invalid-request naming the field at fault. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidRequests")
  void invalidRequestsNameTheField(String address, Object body, String expected) {
    Problem problem = bus.failure(address, body);

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(problem.detail()).contains(expected);
  }

  /** Verifies that STATUS reports PostgreSQL up with its mode and an endpoint that carries no password. */
  @Test
  void statusReportsPostgresUp() {
    JsonObject postgres = bus.status().getJsonObject("postgres");

    assertThat(postgres.getString("status")).isEqualTo("up");
    assertThat(postgres.getString("mode")).isEqualTo(expectedMode());
    assertThat(postgres.getString("endpoint")).startsWith("127.0.0.1:");
    assertThat(postgres.containsKey("error")).isFalse();
    assertThat(bus.status().getJsonObject("cache").getString("backend")).isEqualTo("in-process");
  }

  static String owner() {
    return "owner-" + UUID.randomUUID();
  }

  static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }

  static JsonObject complete(String content) {
    return new JsonObject().put("content", content).put("status", "complete");
  }

  static JsonObject exchange(String question, String answer) {
    return new JsonObject().put("messages", new JsonArray().add(message("user", question)))
      .put("answer", complete(answer));
  }

  /** An append to {@code id}; a null answer leaves it for the caller to put. */
  static JsonObject appendTo(String owner, String id, String question, String answer) {
    JsonObject request = new JsonObject().put("owner", owner).put("id", id)
      .put("messages", new JsonArray().add(message("user", question)));
    return answer == null ? request : request.put("answer", complete(answer));
  }

  static JsonObject without(JsonObject json, String key) {
    JsonObject copy = json.copy();
    copy.remove(key);
    return copy;
  }

  String create(String owner, JsonObject extra, JsonObject exchange) {
    JsonObject request = extra.copy().mergeIn(exchange).put("owner", owner);
    return bus.request(CONVERSATION_APPEND, request).getString("id");
  }

  JsonObject get(String owner, String id) {
    return bus.request(CONVERSATION_GET, new JsonObject().put("owner", owner).put("id", id));
  }

  static List<String> contents(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getString("content")).toList();
  }
}
