package ai.sutazai.storage.conversation;

/**
 * Every SQL statement of the conversation aggregate, in one place. Exchanges are written in batches, one
 * transaction each, so their times come from {@code clock_timestamp()}: {@code now()} would give every
 * conversation of a batch the same {@code updated_at}. Statements on a conversation name its owner;
 * statements on messages run only after such a statement found the conversation, on the same connection.
 */
final class ConversationSql {

  static final String CONVERSATION_COLUMNS = "id, owner, title, created_at, updated_at";

  static final String MESSAGE_COLUMNS = "seq, role, content, model, status, prompt_tokens, completion_tokens,"
    + " queue_ms, ttft_ms, total_ms, created_at";

  static final String FIRST_PAGE = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE owner = $1"
    + " ORDER BY updated_at DESC, id DESC LIMIT $2";

  static final String PAGE_AFTER = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE owner = $1"
    + " AND (updated_at, id) < ($2, $3) ORDER BY updated_at DESC, id DESC LIMIT $4";

  static final String SELECT_CONVERSATION = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations"
    + " WHERE id = $1 AND owner = $2";

  static final String SELECT_MESSAGES = "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = $1"
    + " ORDER BY seq";

  static final String RENAME = "UPDATE conversations SET title = $3, updated_at = now() WHERE id = $1"
    + " AND owner = $2 RETURNING " + CONVERSATION_COLUMNS;

  static final String DELETE = "DELETE FROM conversations WHERE id = $1 AND owner = $2";

  /**
   * Inserts an exchange's messages, numbered from the CTE {@code conversation}'s {@code first_seq}; $3 to $11
   * are parallel arrays of the messages' role, content, model, status, token counts and timings.
   */
  private static final String INSERT_MESSAGES_FROM_ARRAYS = " INSERT INTO messages (conversation_id, seq, role,"
    + " content, model, status, prompt_tokens, completion_tokens, queue_ms, ttft_ms, total_ms)"
    + " SELECT $1, conversation.first_seq + m.ord - 1, m.role, m.content, m.model, m.status, m.prompt_tokens,"
    + " m.completion_tokens, m.queue_ms, m.ttft_ms, m.total_ms"
    + " FROM conversation, unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],"
    + " $9::bigint[], $10::bigint[], $11::bigint[]) WITH ORDINALITY"
    + " AS m(role, content, model, status, prompt_tokens, completion_tokens, queue_ms, ttft_ms, total_ms, ord)";

  /**
   * Appends an exchange to conversation $1 of owner $2 in one statement: the row lock taken by the update makes
   * concurrent appends to one conversation take turns, and {@code next_seq} hands each its numbers. Inserts no
   * row when the owner has no such conversation.
   */
  static final String APPEND_EXCHANGE = "WITH conversation AS (UPDATE conversations SET updated_at = clock_timestamp(),"
    + " next_seq = next_seq + cardinality($3::text[]) WHERE id = $1 AND owner = $2"
    + " RETURNING next_seq - cardinality($3::text[]) AS first_seq)" + INSERT_MESSAGES_FROM_ARRAYS;

  /** Creates conversation $1 of owner $2 titled $12 with an exchange as its first messages, in one statement. */
  static final String CREATE_WITH_EXCHANGE = "WITH conversation AS (INSERT INTO conversations (id, owner, title,"
    + " next_seq, created_at, updated_at) VALUES ($1, $2, $12, 1 + cardinality($3::text[]), clock_timestamp(),"
    + " clock_timestamp()) RETURNING 1 AS first_seq)"
    + INSERT_MESSAGES_FROM_ARRAYS;

  static final String CONVERSATION_EXISTS = "SELECT 1 FROM conversations WHERE id = $1 AND owner = $2";

  /** The newest complete messages, newest first; the caller restores chronological order. */
  static final String NEWEST_COMPLETE_MESSAGES = "SELECT " + MESSAGE_COLUMNS + " FROM messages"
    + " WHERE conversation_id = $1 AND status = 'complete' ORDER BY seq DESC LIMIT $2";

  private ConversationSql() {
  }
}
