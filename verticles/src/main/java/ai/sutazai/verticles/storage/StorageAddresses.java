package ai.sutazai.verticles.storage;

/**
 * Event-bus addresses served by the storage verticle: conversations, API keys, the audit log and tasks kept in
 * PostgreSQL, the key-value cache (Redis or in-process), rate-limit counters and storage health. Every body
 * is a {@code JsonObject}.
 * A failed reply is a {@code ReplyException} whose failure code is an HTTP status and whose message
 * is a problem object encoded as JSON (see {@link ai.sutazai.verticles.problem.Problem}): 400 for a
 * malformed request (naming the field), 404 for a conversation or task that does not exist or belongs to
 * another owner, 409 for a task status change the task's status does not allow, 503
 * {@code storage-unavailable} while PostgreSQL cannot be reached.
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

  /**
   * Stores a new task, status pending with no attempt: {@code {"owner", "type", "payload"?, "priority"?, "agent"?,
   * "id"?, "parent"?, "workflow"?, "depends_on"?}}. {@code owner} is the subject that asked (at most 200
   * characters); {@code type} the task type, 1..100 of a-z, 0-9, '_', '-', '.' ({@code code_review});
   * {@code payload} an object (default {}); {@code priority} 1..10 (default 5); {@code agent} the catalogue id of
   * the agent it is routed to ({@code ag-007}); {@code id} a UUID the caller picks (default: a new one; 409 when
   * taken), so that workflow steps can name each other; {@code parent} an existing task and {@code workflow} any
   * UUID; {@code depends_on} up to 100 ids of existing tasks that must complete before this one leaves the outbox.
   * Replies the task: pending, or cancelled (error {@code dependency <id> ended <status>: <error>}) when a task it
   * depends on already ended failed, dead or cancelled.
   *
   * <p>A task as JSON: {@code id, owner, type, payload, priority, agent, status, attempts, result, error, parent,
   * workflow, depends_on, cancel_requested, created_at, updated_at, started_at, completed_at, published_at,
   * cancel_requested_at} (absent values are null; times ISO-8601). Statuses: pending (stored, not yet confirmed
   * by the task bus) -> queued -> running -> completed | failed | dead | cancelled; a running task may go back to
   * queued (an attempt failed and is retried) or start running again (its message was redelivered).
   * {@code attempts} counts the times it started running.
   *
   * <p>Every task request but create and the runtime's (transition, outbox, published) takes an optional
   * {@code owner}: given, a task of another owner is as absent as an unknown id (404); left out, every owner's
   * tasks are seen. The gateway always passes the caller's subject; the agent runtime leaves it out.
   */
  public static final String TASK_CREATE = "sutazai.storage.task.create";

  /** {@code {"id", "owner"?}}: replies the task, or fails 404. */
  public static final String TASK_GET = "sutazai.storage.task.get";

  /**
   * {@code {"owner"?, "status"?, "agent"?, "workflow"?, "cursor"?, "limit"?}} (limit 1..100, default 20): replies
   * {@code {"tasks": [...], "next_cursor": "..." | null}}, newest first.
   */
  public static final String TASK_LIST = "sutazai.storage.task.list";

  /**
   * The agent runtime's status change: {@code {"id", "status", "result"?, "error"?, "agent"?, "detail"?}}.
   * {@code status} is queued (from pending or running: a retry), running (from queued or running: a new attempt,
   * counted), completed or failed (from running), dead or cancelled (from pending, queued or running).
   * {@code result} (an object, only with completed) is kept; {@code error} (at most 10000 characters) replaces the
   * task's error, which completion clears; {@code agent} names the agent that took it; {@code detail} (an object
   * of at most 4000 characters, such as the broker's {@code x-death}) goes into the recorded event. Each change is
   * one compare-and-set on the current status that records its event in the same transaction. Replies
   * {@code {"changed": true, "task"}}; {@code {"changed": false, "task"}} when the task already is in that final
   * status (a redelivered message: the first change stands, nothing is written); fails 409 naming the current
   * status when it does not allow the change, 404 for an unknown id. A task that becomes failed, dead or cancelled
   * (here or through {@link #TASK_CANCEL}) cancels, in the same transaction, every pending task that depends on it
   * directly or transitively, with error {@code dependency <id> ended <status>: <error>} and its own event.
   */
  public static final String TASK_TRANSITION = "sutazai.storage.task.transition";

  /**
   * {@code {"id", "owner"?}}: a pending or queued task becomes cancelled, replying {@code {"outcome": "cancelled",
   * "changed": true, "task"}} ({@code "changed": false} when it was cancelled before); a running task is marked
   * {@code cancel_requested}, replying {@code {"outcome": "cancel_requested", "changed": true, "task"}}: the agent
   * runtime aborts the attempt and moves it to cancelled. Fails 409 for a completed, failed or dead task, 404 for
   * an unknown one.
   */
  public static final String TASK_CANCEL = "sutazai.storage.task.cancel";

  /**
   * {@code {"id", "owner"?, "after"?, "limit"?}}: replies {@code {"status", "final", "events": [{"id", "task_id",
   * "status", "at", "detail"}, ...]}}, the task's current status, whether it is final, and its recorded status
   * changes with an id greater than {@code after} (default 0: all), oldest first, at most {@code limit} (1..1000,
   * default 200). The first event is pending, at creation. A reader continues with the last id it got.
   */
  public static final String TASK_EVENTS = "sutazai.storage.task.events";

  /**
   * The outbox: {@code {"limit"?, "agents"?}} (1..500, default 100; agents: up to 10000 agent ids) replies
   * {@code {"tasks": [...]}}, the oldest pending tasks not yet published whose {@code depends_on} tasks have all
   * completed (and whose agent is one of {@code agents} when given), oldest first (created_at, then id).
   */
  public static final String TASK_OUTBOX = "sutazai.storage.task.outbox";

  /**
   * {@code {"id"}}: the task bus confirmed the task: pending becomes queued, recorded, and the task leaves the
   * outbox. Replies {@code {"changed": true, "task"}}, or {@code {"changed": false, "task"}} when it was published
   * before; fails 409 when it was cancelled before it was published, 404 for an unknown id.
   */
  public static final String TASK_PUBLISHED = "sutazai.storage.task.published";

  /**
   * The task bus starts handing agent {@code agent}'s tasks to {@link
   * ai.sutazai.verticles.agents.AgentAddresses#deliveries(String)}: {@code {"agent", "type", "concurrency",
   * "timeout_ms"?}} ({@code type} the agent's family, {@code concurrency} 1..1000 the most tasks it holds unsettled
   * at once, {@code timeout_ms} 1..86460000 (24 h 1 min), default 600000, how long one delivery may take to
   * settle: a delivery not settled by then goes back to the queue after a pause, as {@code requeue} does, without
   * counting an attempt or changing the task's record; the agent answers {@code requeue} to the copy of a task it
   * still holds, so a task stays on the bus until the agent settles it). Over RabbitMQ this declares and consumes
   * {@code agent.{agent}.tasks} with that prefetch; embedded, it drains the agent's in-process queue (highest
   * priority first, then oldest). The task bus learns the agent's family from this call: over RabbitMQ a task for
   * an agent stays in the outbox until its agent has consumed once. Replies {@code {}} once consuming; a second
   * call for the same agent replaces the concurrency and timeout. 400 naming the field when one is malformed.
   */
  public static final String TASK_BUS_CONSUME = "sutazai.storage.task_bus.consume";

  /**
   * {@code {"agent"}}: the task bus stops handing out the agent's tasks; tasks already handed out still settle, and
   * tasks the broker had sent ahead but not yet handed out go back to the queue. Replies {@code {}} once no new
   * task will be handed out (also when the agent was not consuming). Tasks for the agent wait in its queue until it
   * consumes again.
   */
  public static final String TASK_BUS_STOP = "sutazai.storage.task_bus.stop";

  /**
   * Published (every node, local consumers) after each recorded task status change and each cancel request:
   * {@code {"task_id", "status", "agent", "type", "owner", "workflow", "attempts", "error", "cancel_requested",
   * "event_id", "at"}}: the task as the change left it, {@code event_id} the {@code task_events} id of the change
   * (null for a cancel request, which records no event) and {@code at} its time. Over RabbitMQ it travels through the {@code agent.events} fanout, so every node's
   * consumers see every change; a consumer that must not miss one reads {@link #TASK_EVENTS} after it.
   */
  public static final String TASK_CHANGES = "sutazai.tasks.changes";

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
   * "endpoint"?}, "task_bus": {"transport": "rabbitmq"|"embedded", "state": "connected"|"unavailable"|"running",
   * "endpoint"?, "outbox", "consumers": [agent ids], "unroutable", "dead_letters"}, "tasks": {"pending": n, "queued": n,
   * ..., "cancelled": n}}}: {@code tasks} counts the tasks by status as last counted. {@code state} is connected or
   * unavailable over RabbitMQ ({@code endpoint} its host:port), running embedded; {@code outbox} counts the pending
   * tasks not yet published as last counted ({@code tasks.count_interval_ms}); {@code consumers} the agents whose
   * tasks are being handed out; {@code unroutable} the tasks no agent queue took and {@code dead_letters} the tasks
   * dead-lettered from their own agent's queue (rejected or expired), both since this storage verticle started.
   */
  public static final String STATUS = "sutazai.storage.status";

  private StorageAddresses() {
  }
}
