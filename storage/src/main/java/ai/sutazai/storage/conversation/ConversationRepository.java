package ai.sutazai.storage.conversation;

import static ai.sutazai.storage.conversation.ConversationSql.*;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores conversations and their messages in PostgreSQL with prepared statements only. Every statement is
 * bound to an owner: another owner's conversation is as absent as an unknown id (an empty Optional or false,
 * never a failure). Validation of titles and sizes is the caller's job.
 */
public final class ConversationRepository {

  private final Pool pool;

  public ConversationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Creates a conversation owned by {@code owner} whose first messages are {@code exchange}, in one transaction. */
  public Future<Conversation> createWith(String owner, String title, Exchange exchange) {
    return pool.withTransaction(connection -> connection.preparedQuery(INSERT_CONVERSATION)
      .execute(Tuple.of(UUID.randomUUID(), owner, title))
      .map(rows -> toConversation(rows.iterator().next()))
      .compose(conversation -> insert(connection, conversation.id(), 1, exchange).map(conversation)));
  }

  /**
   * Appends the exchange as the conversation's next messages, in one transaction; concurrent appends to one
   * conversation take turns on its row lock. False when {@code owner} has no such conversation.
   */
  public Future<Boolean> append(UUID id, String owner, Exchange exchange) {
    return pool.withTransaction(connection -> connection.preparedQuery(LOCK_FOR_APPEND).execute(Tuple.of(id, owner))
      .compose(locked -> {
        if (locked.size() == 0) {
          return Future.succeededFuture(false);
        }
        return connection.preparedQuery(NEXT_SEQ).execute(Tuple.of(id))
          .compose(next -> insert(connection, id, next.iterator().next().getInteger("next_seq"), exchange))
          .map(true);
      }));
  }

  /** One page of {@code owner}'s conversations, most recently updated first, after {@code after} (null: the top). */
  public Future<ConversationPage> page(String owner, ConversationCursor after, int limit) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("Page limit must be at least 1, got " + limit));
    }
    Future<RowSet<Row>> rows = after == null
      ? pool.preparedQuery(FIRST_PAGE).execute(Tuple.of(owner, limit + 1))
      : pool.preparedQuery(PAGE_AFTER).execute(Tuple.of(owner, after.updatedAt(), after.id(), limit + 1));
    return rows.map(set -> {
      List<Conversation> items = new ArrayList<>();
      set.forEach(row -> items.add(toConversation(row)));
      if (items.size() <= limit) {
        return new ConversationPage(items, Optional.empty());
      }
      List<Conversation> page = items.subList(0, limit);
      return new ConversationPage(page, Optional.of(ConversationCursor.after(page.get(limit - 1)).encode()));
    });
  }

  /** The conversation and all its messages in order, or empty when {@code owner} has no such conversation. */
  public Future<Optional<ConversationWithMessages>> get(UUID id, String owner) {
    return pool.withConnection(connection -> connection.preparedQuery(SELECT_CONVERSATION)
      .execute(Tuple.of(id, owner))
      .compose(conversations -> {
        if (conversations.size() == 0) {
          return Future.succeededFuture(Optional.empty());
        }
        Conversation conversation = toConversation(conversations.iterator().next());
        return connection.preparedQuery(SELECT_MESSAGES).execute(Tuple.of(id))
          .map(messages -> Optional.of(new ConversationWithMessages(conversation, toMessages(messages))));
      }));
  }

  /** Sets the title and answers the renamed conversation, or empty when {@code owner} has no such conversation. */
  public Future<Optional<Conversation>> rename(UUID id, String owner, String title) {
    return pool.preparedQuery(RENAME).execute(Tuple.of(id, owner, title))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toConversation(rows.iterator().next())));
  }

  /** Deletes the conversation and its messages; false when {@code owner} has no such conversation. */
  public Future<Boolean> delete(UUID id, String owner) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, owner)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * The newest {@code limit} complete messages in chronological order, the history to send to a model;
   * cancelled and failed answers are left out. Empty when {@code owner} has no such conversation.
   */
  public Future<Optional<List<StoredMessage>>> history(UUID id, String owner, int limit) {
    return pool.withConnection(connection -> connection.preparedQuery(CONVERSATION_EXISTS)
      .execute(Tuple.of(id, owner))
      .compose(found -> {
        if (found.size() == 0) {
          return Future.succeededFuture(Optional.empty());
        }
        if (limit < 1) {
          return Future.succeededFuture(Optional.of(List.of()));
        }
        return connection.preparedQuery(NEWEST_COMPLETE_MESSAGES).execute(Tuple.of(id, limit)).map(rows -> {
          List<StoredMessage> newestFirst = toMessages(rows);
          Collections.reverse(newestFirst);
          return Optional.of(newestFirst);
        });
      }));
  }

  private static Future<Void> insert(SqlConnection connection, UUID id, int firstSeq, Exchange exchange) {
    List<Tuple> batch = new ArrayList<>(exchange.messages().size() + 1);
    int seq = firstSeq;
    for (ClientMessage message : exchange.messages()) {
      batch.add(Tuple.from(new Object[] {id, seq++, message.role(), message.content(), null,
        MessageStatus.COMPLETE.dbValue(), null, null, null, null, null}));
    }
    Answer answer = exchange.answer();
    batch.add(Tuple.from(new Object[] {id, seq, "assistant", answer.content(), answer.model(),
      answer.status().dbValue(), answer.promptTokens(), answer.completionTokens(), answer.queueMs(),
      answer.ttftMs(), answer.totalMs()}));
    return connection.preparedQuery(INSERT_MESSAGE).executeBatch(batch).mapEmpty();
  }

  private static Conversation toConversation(Row row) {
    return new Conversation(row.getUUID("id"), row.getString("owner"), row.getString("title"),
      row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  private static List<StoredMessage> toMessages(RowSet<Row> rows) {
    List<StoredMessage> messages = new ArrayList<>(rows.size());
    rows.forEach(row -> messages.add(new StoredMessage(row.getInteger("seq"), row.getString("role"),
      row.getString("content"), row.getString("model"), MessageStatus.fromDb(row.getString("status")),
      row.getInteger("prompt_tokens"), row.getInteger("completion_tokens"), row.getLong("queue_ms"),
      row.getLong("ttft_ms"), row.getLong("total_ms"), row.getOffsetDateTime("created_at"))));
    return messages;
  }
}
