package ai.sutazai.verticles.storage;

/**
 * Event-bus addresses served by the storage verticle: conversations, API keys and the audit log kept in
 * PostgreSQL, the key-value cache (Redis or in-process), rate-limit counters and storage health. Every body
 * is a {@code JsonObject}.
 * A failed reply is a {@code ReplyException} whose failure code is an HTTP status and whose message
 * is a problem object encoded as JSON (see {@link ai.sutazai.verticles.problem.Problem}): 400 for a
 * malformed request (naming the field), 404 for a conversation that does not exist or belongs to
 * another owner, 503 {@code storage-unavailable} while PostgreSQL cannot be reached.
 *
 * <p>Every conversation request carries {@code owner}, the subject the conversation belongs to.
 * Conversation ids are UUIDs. A conversation as JSON: {@code id, owner, title, created_at,
 * updated_at}; a message: {@code seq, role, content, status} (complete, cancelled or failed),
 * {@code created_at}, and for answers {@code model}, {@code usage} ({@code prompt_tokens},
 * {@code completion_tokens}) and {@code timings} ({@code queue_ms, ttft_ms, total_ms}).
 */
public final class StorageAddresses {

  /**
   * {@code {"owner", "cursor"?, "limit"?}} (limit 1..100, default 20): replies
   * {@code {"conversations": [...], "next_cursor": "..." | null}}, most recently updated first.
   */
  public static final String CONVERSATION_LIST = "sutazai.storage.conversation.list";

  /** {@code {"owner", "id"}}: replies the conversation with {@code "messages": [...]} in order. */
  public static final String CONVERSATION_GET = "sutazai.storage.conversation.get";

  /** {@code {"owner", "id", "title"}} (1..200 characters): replies the renamed conversation. */
  public static final String CONVERSATION_RENAME = "sutazai.storage.conversation.rename";

  /** {@code {"owner", "id"}}: deletes the conversation and its messages; replies {@code {}}. */
  public static final String CONVERSATION_DELETE = "sutazai.storage.conversation.delete";

  /**
   * {@code {"owner", "id"}}: replies {@code {"messages": [{"role", "content"}, ...]}}, the newest
   * complete messages within the configured window ({@code history.max_messages},
   * {@code history.max_tokens}), oldest first: what to send to the model before a new message.
   */
  public static final String CONVERSATION_HISTORY = "sutazai.storage.conversation.history";

  /**
   * Stores one exchange: {@code {"owner", "id"?, "create"?, "title"?, "messages": [{"role", "content"}, ...],
   * "answer": {"content", "status", "model"?, "usage"?, "timings"?}}}. {@code messages} are the new
   * messages the client sent, {@code status} is complete, cancelled or failed. The exchange goes to
   * conversation {@code id}; with {@code "create": true} it starts a new conversation with that id (409
   * if it is taken), and without {@code id} a new one with an id storage picks. A new conversation is titled
   * {@code title}, or after the first user message. Replies {@code {"id"}} once the exchange is accepted: it
   * is written to PostgreSQL moments later, and every later read of the conversation (get, history, list,
   * rename, delete) waits for it. 404 when the owner has no conversation {@code id}; 503 while PostgreSQL
   * is down.
   */
  public static final String CONVERSATION_APPEND = "sutazai.storage.conversation.append";

  /**
   * Stores a new API key: {@code {"owner", "name", "role", "prefix", "hash"}} ({@code hash} is the
   * SHA-256 of the key in lower-case hex; the key itself never reaches storage). Replies the key as
   * {@code {"id", "name", "role", "prefix", "owner", "created_at", "last_used_at", "revoked_at"}}.
   */
  public static final String API_KEY_CREATE = "sutazai.storage.api_key.create";

  /** {@code {}}: replies {@code {"keys": [...]}}, every key as API_KEY_CREATE replies it, newest first. */
  public static final String API_KEY_LIST = "sutazai.storage.api_key.list";

  /** {@code {"id"}}: revokes the key; replies {@code {}}, or fails 404 when no active key has that id. */
  public static final String API_KEY_REVOKE = "sutazai.storage.api_key.revoke";

  /**
   * {@code {"hash"}}: replies {@code {"id", "owner", "role", "name", "revoked"}} for the key with that
   * hash, or fails 404; notes the use in {@code last_used_at} at most once a minute per key.
   */
  public static final String API_KEY_VERIFY = "sutazai.storage.api_key.verify";

  /**
   * Appends one audit row: {@code {"action", "outcome", "at"?, "subject"?, "role"?, "target"?, "request_id"?,
   * "client_address"?, "detail"?}}. {@code action} is a dotted name such as {@code conversation.delete} or
   * {@code auth.failure}; {@code outcome} is success, denied or failure; {@code at} an ISO-8601 time with offset
   * (default: now); {@code detail} a JSON object of at most 4000 characters. Strings are bounded (subject 200,
   * role 32, target 500, request_id 128, client_address 100 characters). Replies {@code {"id"}}, the row's number.
   */
  public static final String AUDIT_APPEND = "sutazai.storage.audit.append";

  /**
   * {@code {"subject"?, "action"?, "outcome"?, "since"?, "until"?, "cursor"?, "limit"?}} (since inclusive,
   * until exclusive, both ISO-8601 with offset; limit 1..200, default 50): replies
   * {@code {"entries": [...], "next_cursor": "..." | null}}, newest first. An entry: {@code id, at, subject,
   * role, action, target, outcome, request_id, client_address, detail} (absent values are null).
   */
  public static final String AUDIT_LIST = "sutazai.storage.audit.list";

  /** {@code {"key"}}: replies {@code {"value": "..."}}, or {@code {"value": null}} on a miss. */
  public static final String CACHE_GET = "sutazai.storage.cache.get";

  /** {@code {"key", "value", "ttl_ms"}}: stores a string; replies {@code {}}. Never fails for want of Redis. */
  public static final String CACHE_PUT = "sutazai.storage.cache.put";

  /**
   * Counts one request of a subject against its rate limits: {@code {"subject"}} increments the
   * subject's counter of the current {@link RateLimitWindow#MINUTE} and {@link RateLimitWindow#HOUR}
   * (atomically in Redis when configured, so several processes share them) and replies
   * {@code {"minute": {"count", "reset_in_ms"}, "hour": {"count", "reset_in_ms"}}}: the count
   * including this request and the milliseconds until that window restarts. A count of 0 means the
   * cache could not count (Redis unreachable); callers then let the request through.
   */
  public static final String RATE_LIMIT_HIT = "sutazai.storage.ratelimit.hit";

  /**
   * Replies {@code {"postgres": {"status": "up"|"down", "mode": "embedded"|"external",
   * "endpoint", "error"?}, "cache": {"status": "up"|"down", "backend": "redis"|"in-process",
   * "endpoint"?}}}.
   */
  public static final String STATUS = "sutazai.storage.status";

  private StorageAddresses() {
  }
}
