package ai.sutazai.storage.conversation;

/** Every SQL statement of the conversation aggregate, in one place. */
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

  static final String SELECT_CONVERSATION = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = $1";

  static final String SELECT_MESSAGES = "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = $1"
    + " ORDER BY seq";

  static final String RENAME = "UPDATE conversations SET title = $2, updated_at = now() WHERE id = $1";

  static final String DELETE = "DELETE FROM conversations WHERE id = $1";

  /** Locks the conversation row so concurrent appends to one conversation take turns, and returns its next seq. */
  static final String TOUCH_AND_NEXT_SEQ = "UPDATE conversations SET updated_at = now() WHERE id = $1"
    + " RETURNING (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = $1) AS next_seq";

  static final String INSERT_MESSAGE = "INSERT INTO messages (conversation_id, seq, role, content, model, status,"
    + " prompt_tokens, completion_tokens, queue_ms, ttft_ms, total_ms)"
    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

  /** The newest complete messages, newest first; the caller restores chronological order. */
  static final String NEWEST_COMPLETE_MESSAGES = "SELECT " + MESSAGE_COLUMNS + " FROM messages"
    + " WHERE conversation_id = $1 AND status = 'complete' ORDER BY seq DESC LIMIT $2";

  private ConversationSql() {
  }
}
