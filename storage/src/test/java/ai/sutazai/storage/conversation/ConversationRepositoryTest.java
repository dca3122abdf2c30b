package ai.sutazai.storage.conversation;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.storage.pg.MigratedDatabases;
import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConversationRepositoryTest {

  @RegisterExtension
  static final MigratedDatabases DATABASES = MigratedDatabases.onEveryServer();

  private Pool pool;

  /** Verifies that a conversation created with an exchange comes back with its owner, title and messages. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void createThenGet(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);

    UUID created = await(repository.createWith("alice", "Trip to Lisbon", complete("flights?", "TAP")));
    Optional<ConversationWithMessages> found = await(repository.get(created, "alice"));

    assertThat(found).isPresent();
    assertThat(found.get().conversation().id()).isEqualTo(created);
    assertThat(found.get().conversation().owner()).isEqualTo("alice");
    assertThat(found.get().conversation().title()).isEqualTo("Trip to Lisbon");
    assertThat(found.get().messages()).extracting(StoredMessage::content).containsExactly("flights?", "TAP");
  }

  /** Verifies that listing walks every conversation of one owner newest first across pages, without repeats. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void pagesNewestFirstWithCursor(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    String owner = "owner-" + UUID.randomUUID();
    List<UUID> createdOldestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      createdOldestFirst.add(await(repository.createWith(owner, "c" + i, complete("q", "a"))));
    }
    await(repository.createWith("someone-else", "not mine", complete("q", "a")));

    List<UUID> listed = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    ConversationCursor cursor = null;
    do {
      ConversationPage page = await(repository.page(owner, cursor, 2));
      page.items().forEach(conversation -> listed.add(conversation.id()));
      pageSizes.add(page.items().size());
      cursor = page.nextCursor().map(ConversationCursor::decode).orElse(null);
    } while (cursor != null);

    List<UUID> createdNewestFirst = new ArrayList<>(createdOldestFirst);
    Collections.reverse(createdNewestFirst);
    assertThat(pageSizes).containsExactly(2, 2, 1);
    assertThat(listed).containsExactlyElementsOf(createdNewestFirst);
  }

  /** Verifies that a conversation with a new message moves to the top of the list. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void appendMovesConversationToTop(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    String owner = "owner-" + UUID.randomUUID();
    UUID older = await(repository.createWith(owner, "older", complete("q", "a")));
    await(repository.createWith(owner, "newer", complete("q", "a")));

    await(repository.append(older, owner, complete("hello", "hi")));

    assertThat(await(repository.page(owner, null, 10)).items()).extracting(Conversation::title)
      .containsExactly("older", "newer");
  }

  /** Verifies that a malformed cursor is rejected as bad input. */
  @Test
  void rejectsMalformedCursor() {
    assertThatThrownBy(() -> ConversationCursor.decode("not-a-cursor")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Verifies that appended exchanges keep their order, model, status, token counts and timings. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void appendsExchangesInOrder(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID conversation = await(repository.createWith("bob", "maths", complete("2+2?", "4")));

    assertThat(await(repository.append(conversation, "bob", new Exchange(
      List.of(new ClientMessage("system", "show work"), new ClientMessage("user", "and 3+3?")),
      new Answer("6 is", MessageStatus.CANCELLED, "llama3.2:1b", 20, 2, 5L, 40L, 60L))))).isTrue();

    List<StoredMessage> messages = await(repository.get(conversation, "bob")).orElseThrow().messages();
    assertThat(messages).extracting(StoredMessage::seq).containsExactly(1, 2, 3, 4, 5);
    assertThat(messages).extracting(StoredMessage::role)
      .containsExactly("user", "assistant", "system", "user", "assistant");
    assertThat(messages).extracting(StoredMessage::content)
      .containsExactly("2+2?", "4", "show work", "and 3+3?", "6 is");
    StoredMessage cancelled = messages.get(4);
    assertThat(cancelled.status()).isEqualTo(MessageStatus.CANCELLED);
    assertThat(cancelled.model()).isEqualTo("llama3.2:1b");
    assertThat(cancelled.promptTokens()).isEqualTo(20);
    assertThat(cancelled.completionTokens()).isEqualTo(2);
    assertThat(List.of(cancelled.queueMs(), cancelled.ttftMs(), cancelled.totalMs())).containsExactly(5L, 40L, 60L);
    assertThat(messages.get(3).model()).isNull();
    assertThat(messages.get(3).status()).isEqualTo(MessageStatus.COMPLETE);
  }

  /**
   * Verifies that one batch stores creations and appends of several conversations in each conversation's order,
   * and answers false for an append its owner cannot make without failing the others.
   */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void writesABatchInOrderPerConversation(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID existing = await(repository.createWith("gina", "old", complete("q0", "a0")));
    UUID created = UUID.randomUUID();
    UUID foreign = await(repository.createWith("hank", "his", complete("q", "a")));

    List<Boolean> stored = await(repository.writeAll(List.of(
      ExchangeWrite.create(created, "gina", "new", complete("n1", "m1")),
      ExchangeWrite.append(existing, "gina", complete("q1", "a1")),
      ExchangeWrite.append(created, "gina", complete("n2", "m2")),
      ExchangeWrite.append(foreign, "gina", complete("not", "mine")),
      ExchangeWrite.append(existing, "gina", complete("q2", "a2")))));

    assertThat(stored).containsExactly(true, true, true, false, true);
    assertThat(await(repository.get(existing, "gina")).orElseThrow().messages())
      .extracting(StoredMessage::seq, StoredMessage::content)
      .containsExactly(tuple(1, "q0"), tuple(2, "a0"), tuple(3, "q1"), tuple(4, "a1"), tuple(5, "q2"), tuple(6, "a2"));
    assertThat(await(repository.get(created, "gina")).orElseThrow().messages()).extracting(StoredMessage::content)
      .containsExactly("n1", "m1", "n2", "m2");
    assertThat(await(repository.get(foreign, "hank")).orElseThrow().messages()).hasSize(2);
  }

  /** Verifies that the history holds the newest complete messages, oldest first, without failed answers. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void historyKeepsNewestCompleteMessages(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID id = await(repository.createWith("carol", "long chat", complete("q1", "a1")));
    await(repository.append(id, "carol", complete("q2", "a2")));
    await(repository.append(id, "carol", Exchange.of("q3", new Answer("", MessageStatus.FAILED, "m", null, null,
      null, null, null))));

    assertThat(await(repository.history(id, "carol", 3)).orElseThrow()).extracting(StoredMessage::content)
      .containsExactly("q2", "a2", "q3");
    assertThat(await(repository.history(id, "carol", 100)).orElseThrow()).extracting(StoredMessage::content)
      .containsExactly("q1", "a1", "q2", "a2", "q3");
    assertThat(await(repository.history(id, "carol", 0))).contains(List.of());
  }

  /** Verifies that rename changes only the title and that delete removes the conversation and its messages. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void renameThenDeleteCascades(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID id = await(repository.createWith("dave", "draft", complete("hi", "hello")));

    assertThat(await(repository.rename(id, "dave", "final")).map(Conversation::title)).contains("final");
    assertThat(await(repository.get(id, "dave")).orElseThrow().conversation().title()).isEqualTo("final");
    assertThat(await(repository.delete(id, "dave"))).isTrue();

    assertThat(await(repository.get(id, "dave"))).isEmpty();
    Long orphanMessages = await(pool.preparedQuery("SELECT count(*) FROM messages WHERE conversation_id = $1")
      .execute(Tuple.of(id))).iterator().next().getLong(0);
    assertThat(orphanMessages).isZero();
  }

  /** Verifies that an unknown id, or another owner's, answers empty or false at every operation instead of failing. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void unknownAndForeignIdsAreEmptyNotErrors(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID foreign = await(repository.createWith("erin", "mine", complete("q", "a")));

    for (UUID id : List.of(UUID.randomUUID(), foreign)) {
      assertThat(await(repository.get(id, "frank"))).isEmpty();
      assertThat(await(repository.rename(id, "frank", "x"))).isEmpty();
      assertThat(await(repository.append(id, "frank", complete("q", "a")))).isFalse();
      assertThat(await(repository.history(id, "frank", 10))).isEmpty();
      assertThat(await(repository.delete(id, "frank"))).isFalse();
    }
    assertThat(await(repository.get(foreign, "erin")).orElseThrow().messages()).hasSize(2);
  }

  private ConversationRepository repository(TestServer server, Vertx vertx) {
    pool = DATABASES.pool(server, vertx);
    return new ConversationRepository(pool);
  }

  private static Exchange complete(String question, String answer) {
    return Exchange.of(question, new Answer(answer, MessageStatus.COMPLETE, "llama3.2:1b", 10, 3, 1L, 20L, 30L));
  }
}
