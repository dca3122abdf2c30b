package ai.sutazai.storage.conversation;

import static ai.sutazai.storage.conversation.ConversationSql.*;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
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

  /** Creates a conversation owned by {@code owner} whose first messages are {@code exchange}; answers its id. */
  public Future<UUID> createWith(String owner, String title, Exchange exchange) {
    UUID id = UUID.randomUUID();
    return write(pool, ExchangeWrite.create(id, owner, title, exchange)).map(id);
  }

  /**
   * Appends the exchange as the conversation's next messages; concurrent appends to one conversation take
   * turns on its row lock. False when {@code owner} has no such conversation.
   */
  public Future<Boolean> append(UUID id, String owner, Exchange exchange) {
    return write(pool, ExchangeWrite.append(id, owner, exchange));
  }

  /**
   * Stores the exchanges in one transaction, in order, pipelined on one connection; answers for each whether it
   * was stored (false for an append to a conversation its owner no longer has). Should two SutazAI processes
   * lock the same conversations in opposite orders, PostgreSQL aborts one batch as a deadlock and its caller
   * writes those exchanges one by one.
   */
  public Future<List<Boolean>> writeAll(List<ExchangeWrite> writes) {
    return pool.withTransaction(connection -> {
      List<Future<Boolean>> results = new ArrayList<>(writes.size());
      writes.forEach(write -> results.add(write(connection, write)));
      return Future.all(results).map(all -> all.<Boolean>list());
    });
  }

  /** Whether {@code owner} has conversation {@code id}. */
  public Future<Boolean> exists(UUID id, String owner) {
    return pool.preparedQuery(CONVERSATION_EXISTS).execute(Tuple.of(id, owner)).map(rows -> rows.size() == 1);
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

  private static Future<Boolean> write(SqlClient client, ExchangeWrite write) {
    Exchange exchange = write.exchange();
    int size = exchange.messages().size() + 1;
    String[] roles = new String[size];
    String[] contents = new String[size];
    String[] models = new String[size];
    String[] statuses = new String[size];
    Integer[] promptTokens = new Integer[size];
    Integer[] completionTokens = new Integer[size];
    Long[] queueMs = new Long[size];
    Long[] ttftMs = new Long[size];
    Long[] totalMs = new Long[size];
    for (int i = 0; i < size - 1; i++) {
      ClientMessage message = exchange.messages().get(i);
      roles[i] = message.role();
      contents[i] = message.content();
      statuses[i] = MessageStatus.COMPLETE.dbValue();
    }
    Answer answer = exchange.answer();
    int last = size - 1;
    roles[last] = "assistant";
    contents[last] = answer.content();
    models[last] = answer.model();
    statuses[last] = answer.status().dbValue();
    promptTokens[last] = answer.promptTokens();
    completionTokens[last] = answer.completionTokens();
    queueMs[last] = answer.queueMs();
    ttftMs[last] = answer.ttftMs();
    totalMs[last] = answer.totalMs();
    Tuple params = Tuple.of(write.conversationId(), write.owner(), roles, contents, models, statuses, promptTokens,
      completionTokens, queueMs, ttftMs, totalMs);
    if (write.createsConversation()) {
      params.addString(write.newTitle());
    }
    return client.preparedQuery(write.createsConversation() ? CREATE_WITH_EXCHANGE : APPEND_EXCHANGE)
      .execute(params)
      .map(rows -> rows.rowCount() > 0);
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
