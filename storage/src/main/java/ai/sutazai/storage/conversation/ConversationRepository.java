package ai.sutazai.storage.conversation;

import static ai.sutazai.storage.conversation.ConversationSql.*;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores conversations and their messages in PostgreSQL with prepared statements only. An unknown id gives
 * an empty Optional or false, never a failure; validation of titles and sizes is the caller's job.
 */
public final class ConversationRepository {

  private final Pool pool;

  public ConversationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Creates an empty conversation owned by {@code owner}. */
  public Future<Conversation> create(String owner, String title) {
    return pool.preparedQuery(INSERT_CONVERSATION)
      .execute(Tuple.of(UUID.randomUUID(), owner, title))
      .map(rows -> toConversation(rows.iterator().next()));
  }

  /**
   * One page of {@code owner}'s conversations, most recently updated first, starting after {@code cursor}
   * (null for the first page). Fails with IllegalArgumentException when the cursor is malformed.
   */
  public Future<ConversationPage> page(String owner, String cursor, int limit) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("Page limit must be at least 1, got " + limit));
    }
    Future<RowSet<Row>> rows;
    if (cursor == null) {
      rows = pool.preparedQuery(FIRST_PAGE).execute(Tuple.of(owner, limit + 1));
    } else {
      ConversationCursor after;
      try {
        after = ConversationCursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
      rows = pool.preparedQuery(PAGE_AFTER).execute(Tuple.of(owner, after.updatedAt(), after.id(), limit + 1));
    }
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

  /** The conversation and all its messages in order, or empty when there is no such conversation. */
  public Future<Optional<ConversationWithMessages>> get(UUID id) {
    return pool.withConnection(connection -> connection.preparedQuery(SELECT_CONVERSATION).execute(Tuple.of(id))
      .compose(conversations -> {
        if (conversations.size() == 0) {
          return Future.succeededFuture(Optional.empty());
        }
        Conversation conversation = toConversation(conversations.iterator().next());
        return connection.preparedQuery(SELECT_MESSAGES).execute(Tuple.of(id))
          .map(messages -> Optional.of(new ConversationWithMessages(conversation, toMessages(messages))));
      }));
  }

  /** Sets the title; false when there is no such conversation. */
  public Future<Boolean> rename(UUID id, String title) {
    return pool.preparedQuery(RENAME).execute(Tuple.of(id, title)).map(rows -> rows.rowCount() == 1);
  }

  /** Deletes the conversation and its messages; false when there is no such conversation. */
  public Future<Boolean> delete(UUID id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Appends the user message and the assistant's answer as the next two messages, in one transaction;
   * false when there is no such conversation.
   */
  public Future<Boolean> append(UUID id, Exchange exchange) {
    return pool.withTransaction(connection -> connection.preparedQuery(TOUCH_AND_NEXT_SEQ).execute(Tuple.of(id))
      .compose(touched -> {
        if (touched.size() == 0) {
          return Future.succeededFuture(false);
        }
        int seq = touched.iterator().next().getInteger("next_seq");
        List<Tuple> batch = List.of(
          Tuple.from(new Object[] {id, seq, "user", exchange.userContent(), null, MessageStatus.COMPLETE.dbValue(),
            null, null, null, null, null}),
          Tuple.from(new Object[] {id, seq + 1, "assistant", exchange.assistantContent(), exchange.model(),
            exchange.status().dbValue(), exchange.promptTokens(), exchange.completionTokens(), exchange.queueMs(),
            exchange.ttftMs(), exchange.totalMs()}));
        return connection.preparedQuery(INSERT_MESSAGE).executeBatch(batch).map(true);
      }));
  }

  /**
   * The newest {@code limit} complete messages in chronological order, the history to send to a model;
   * cancelled and failed answers are left out. Empty for an unknown conversation.
   */
  public Future<List<StoredMessage>> history(UUID id, int limit) {
    if (limit < 1) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(NEWEST_COMPLETE_MESSAGES).execute(Tuple.of(id, limit)).map(rows -> {
      List<StoredMessage> newestFirst = toMessages(rows);
      Collections.reverse(newestFirst);
      return newestFirst;
    });
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
