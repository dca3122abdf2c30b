package ai.sutazai.storage.conversation;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.PgPools;
import ai.sutazai.storage.pg.PostgresOptions;
import ai.sutazai.storage.pg.SchemaMigrations;
import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConversationRepositoryTest {

  private static final Map<TestServer, PgEndpoint> DATABASES = new EnumMap<>(TestServer.class);

  private Pool pool;

  @BeforeAll
  static void createDatabases() {
    Vertx vertx = Vertx.vertx();
    try {
      for (TestServer server : TestServer.values()) {
        PgEndpoint database = server.createDatabase();
        DATABASES.put(server, database);
        await(new SchemaMigrations(vertx).migrate(database));
      }
    } finally {
      await(vertx.close());
    }
  }

  @AfterAll
  static void dropDatabases() {
    DATABASES.forEach(TestServer::dropDatabase);
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      await(pool.close());
    }
  }

  /** Verifies that a created conversation comes back with its owner and title and no messages. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void createThenGet(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);

    Conversation created = await(repository.create("alice", "Trip to Lisbon"));
    Optional<ConversationWithMessages> found = await(repository.get(created.id()));

    assertThat(found).isPresent();
    assertThat(found.get().conversation()).isEqualTo(created);
    assertThat(found.get().conversation().title()).isEqualTo("Trip to Lisbon");
    assertThat(found.get().messages()).isEmpty();
  }

  /** Verifies that listing walks every conversation of one owner newest first across pages, without repeats. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void pagesNewestFirstWithCursor(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    String owner = "owner-" + UUID.randomUUID();
    List<UUID> createdOldestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      createdOldestFirst.add(await(repository.create(owner, "c" + i)).id());
    }
    await(repository.create("someone-else", "not mine"));

    List<UUID> listed = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      ConversationPage page = await(repository.page(owner, cursor, 2));
      page.items().forEach(conversation -> listed.add(conversation.id()));
      pageSizes.add(page.items().size());
      cursor = page.nextCursor().orElse(null);
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
    Conversation older = await(repository.create(owner, "older"));
    await(repository.create(owner, "newer"));

    await(repository.append(older.id(), complete("hello", "hi")));

    assertThat(await(repository.page(owner, null, 10)).items()).extracting(Conversation::title)
      .containsExactly("older", "newer");
  }

  /** Verifies that a malformed cursor is rejected as bad input. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void rejectsMalformedCursor(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);

    assertThatThrownBy(() -> await(repository.page("alice", "not-a-cursor", 10)))
      .isInstanceOf(IllegalArgumentException.class);
  }

  /** Verifies that appended pairs keep their order, model, status, token counts and timings. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void appendsPairsInOrder(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    Conversation conversation = await(repository.create("bob", "maths"));

    assertThat(await(repository.append(conversation.id(), complete("2+2?", "4")))).isTrue();
    assertThat(await(repository.append(conversation.id(),
      new Exchange("and 3+3?", "6 is", "llama3.2:1b", MessageStatus.CANCELLED, 20, 2, 5L, 40L, 60L)))).isTrue();

    List<StoredMessage> messages = await(repository.get(conversation.id())).orElseThrow().messages();
    assertThat(messages).extracting(StoredMessage::seq).containsExactly(1, 2, 3, 4);
    assertThat(messages).extracting(StoredMessage::role).containsExactly("user", "assistant", "user", "assistant");
    assertThat(messages).extracting(StoredMessage::content).containsExactly("2+2?", "4", "and 3+3?", "6 is");
    StoredMessage cancelled = messages.get(3);
    assertThat(cancelled.status()).isEqualTo(MessageStatus.CANCELLED);
    assertThat(cancelled.model()).isEqualTo("llama3.2:1b");
    assertThat(cancelled.promptTokens()).isEqualTo(20);
    assertThat(cancelled.completionTokens()).isEqualTo(2);
    assertThat(List.of(cancelled.queueMs(), cancelled.ttftMs(), cancelled.totalMs())).containsExactly(5L, 40L, 60L);
    assertThat(messages.get(2).model()).isNull();
    assertThat(messages.get(2).status()).isEqualTo(MessageStatus.COMPLETE);
  }

  /** Verifies that the history window holds the newest complete messages, oldest first, without failed answers. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void historyWindowKeepsNewestCompleteMessages(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID id = await(repository.create("carol", "long chat")).id();
    await(repository.append(id, complete("q1", "a1")));
    await(repository.append(id, complete("q2", "a2")));
    await(repository.append(id, new Exchange("q3", "", "m", MessageStatus.FAILED, null, null, null, null, null)));

    assertThat(await(repository.history(id, 3))).extracting(StoredMessage::content)
      .containsExactly("q2", "a2", "q3");
    assertThat(await(repository.history(id, 100))).extracting(StoredMessage::content)
      .containsExactly("q1", "a1", "q2", "a2", "q3");
  }

  /** Verifies that rename changes only the title and that delete removes the conversation and its messages. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void renameThenDeleteCascades(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID id = await(repository.create("dave", "draft")).id();
    await(repository.append(id, complete("hi", "hello")));

    assertThat(await(repository.rename(id, "final"))).isTrue();
    assertThat(await(repository.get(id)).orElseThrow().conversation().title()).isEqualTo("final");
    assertThat(await(repository.delete(id))).isTrue();

    assertThat(await(repository.get(id))).isEmpty();
    Long orphanMessages = await(pool.preparedQuery("SELECT count(*) FROM messages WHERE conversation_id = $1")
      .execute(Tuple.of(id))).iterator().next().getLong(0);
    assertThat(orphanMessages).isZero();
  }

  /** Verifies that every operation on an unknown id answers empty or false instead of failing. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void unknownIdsAreEmptyNotErrors(TestServer server, Vertx vertx) {
    ConversationRepository repository = repository(server, vertx);
    UUID unknown = UUID.randomUUID();

    assertThat(await(repository.get(unknown))).isEmpty();
    assertThat(await(repository.rename(unknown, "x"))).isFalse();
    assertThat(await(repository.delete(unknown))).isFalse();
    assertThat(await(repository.append(unknown, complete("q", "a")))).isFalse();
    assertThat(await(repository.history(unknown, 10))).isEmpty();
  }

  private ConversationRepository repository(TestServer server, Vertx vertx) {
    pool = PgPools.shared(vertx, DATABASES.get(server), PostgresOptions.embedded(Path.of("unused")));
    return new ConversationRepository(pool);
  }

  private static Exchange complete(String question, String answer) {
    return new Exchange(question, answer, "llama3.2:1b", MessageStatus.COMPLETE, 10, 3, 1L, 20L, 30L);
  }
}
