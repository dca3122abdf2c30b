package ai.sutazai.storage.conversation;

/**
 * Every SQL statement of the conversation aggregate, in one place. Statements on a conversation name its owner;
 * statements on messages run only after such a statement found the conversation, on the same connection.
 */
final class ConversationSql {

  static final String CONVERSATION_COLUMNS = "id, owner, title, created_at, updated_at";

  static final String MESSAGE_COLUMNS = "seq, role, content, model, status, prompt_tokens, completion_tokens,"
    + " queue_ms, ttft_ms, total_ms, created_at";

  static final String INSERT_CONVERSATION = "INSERT INTO conversations (id, owner, title) VALUES ($1, $2, $3)"
    + " RETURNING " + CONVERSATION_COLUMNS;

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

  /** Locks the conversation row, so that concurrent appends to one conversation take turns. */
  static final String LOCK_FOR_APPEND = "UPDATE conversations SET updated_at = now() WHERE id = $1 AND owner = $2"
    + " RETURNING id";

  /**
   * The next free seq; run as its own statement after {@link #LOCK_FOR_APPEND}, so that under READ COMMITTED it
   * sees the messages of the append that held the lock before.
   */
  static final String NEXT_SEQ = "SELECT coalesce(max(seq), 0) + 1 AS next_seq FROM messages"
    + " WHERE conversation_id = $1";

  static final String INSERT_MESSAGE = "INSERT INTO messages (conversation_id, seq, role, content, model, status,"
    + " prompt_tokens, completion_tokens, queue_ms, ttft_ms, total_ms)"
    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

  static final String CONVERSATION_EXISTS = "SELECT 1 FROM conversations WHERE id = $1 AND owner = $2";

  /** The newest complete messages, newest first; the caller restores chronological order. */
  static final String NEWEST_COMPLETE_MESSAGES = "SELECT " + MESSAGE_COLUMNS + " FROM messages"
    + " WHERE conversation_id = $1 AND status = 'complete' ORDER BY seq DESC LIMIT $2";

  private ConversationSql() {
  }
}
