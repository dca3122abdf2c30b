package ai.sutazai.storage.task;

/**
 * Every SQL statement of the task record, in one place. A status change is one statement: an update that
 * compares the current status with the allowed ones (under the row lock, so of two concurrent changes the second
 * sees the first's result) and inserts the {@code task_events} row of the change, both in the statement's
 * transaction. Times come from {@code clock_timestamp()}, taken after the row lock, so a task's events are in
 * time order. An absent owner ($n::text IS NULL) matches every owner: that is how the agent runtime reads.
 */
final class TaskSql {

  static final String COLUMNS = "id, owner, type, payload, priority, agent_id, status, attempts, result, error,"
    + " parent_id, workflow_id, depends_on, created_at, updated_at, started_at, completed_at, published_at,"
    + " cancel_requested_at";

  static final String EVENT_COLUMNS = "id, task_id, status, at, detail";

  /**
   * Inserts a pending task and its first event; inserts nothing when id $1 is taken, parent $7 does not exist or a
   * task named in {@code depends_on} ($9, passed without repeats) does not exist.
   */
  static final String INSERT = "WITH created AS (INSERT INTO tasks (id, owner, type, payload, priority, agent_id,"
    + " parent_id, workflow_id, depends_on, status, created_at, updated_at)"
    + " SELECT $1::uuid, $2::text, $3::text, $4::jsonb, $5::int, $6::text, $7::uuid, $8::uuid, $9::uuid[], 'pending',"
    + " clock_timestamp(), clock_timestamp()"
    + " WHERE ($7::uuid IS NULL OR EXISTS (SELECT 1 FROM tasks WHERE id = $7::uuid))"
    + " AND (SELECT count(*) FROM tasks WHERE id = ANY($9::uuid[])) = cardinality($9::uuid[])"
    + " ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS + "),"
    + " event AS (INSERT INTO task_events (task_id, status, at) SELECT id, status, created_at FROM created"
    + " RETURNING id)"
    + " SELECT " + COLUMNS + ", (SELECT e.id FROM event e) AS event_id FROM created";

  /**
   * Locks the tasks $1 (the dependencies of a task being created) against a status change until the creation
   * commits, in id order, and answers their status and error.
   */
  static final String LOCK_DEPENDENCIES = "SELECT id, status, error FROM tasks WHERE id = ANY($1::uuid[])"
    + " ORDER BY id FOR SHARE";

  static final String EXISTS = "SELECT 1 FROM tasks WHERE id = $1";

  static final String SELECT = "SELECT " + COLUMNS + " FROM tasks WHERE id = $1 AND ($2::text IS NULL OR owner = $2)";

  /**
   * Moves task $1 of owner $2 (null: any) to status $3 when its status is one of $4. Entering running ($9) counts
   * an attempt; a final status ($10) sets completed_at; leaving pending for queued marks the task published.
   * $5 result (kept on completion), $6 error (null keeps the last; completion clears it), $7 agent (null keeps
   * it), $8 detail merged into the event's. Answers the task and, as {@code event_id}, the id of its event.
   */
  static final String CHANGE_STATUS = "WITH changed AS (UPDATE tasks SET status = $3,"
    + " updated_at = clock_timestamp(),"
    + " attempts = attempts + CASE WHEN $9 THEN 1 ELSE 0 END,"
    + " started_at = CASE WHEN $9 THEN clock_timestamp() ELSE started_at END,"
    + " completed_at = CASE WHEN $10 THEN clock_timestamp() ELSE completed_at END,"
    + " published_at = CASE WHEN status = 'pending' AND $3 = 'queued' THEN clock_timestamp() ELSE published_at END,"
    + " result = CASE WHEN $3 = 'completed' THEN $5::jsonb ELSE result END,"
    + " error = CASE WHEN $3 = 'completed' THEN NULL ELSE coalesce($6::text, error) END,"
    + " agent_id = coalesce($7::text, agent_id)"
    + " WHERE id = $1 AND ($2::text IS NULL OR owner = $2) AND status = ANY($4::text[])"
    + " RETURNING " + COLUMNS + "),"
    + " event AS (INSERT INTO task_events (task_id, status, at, detail)"
    + " SELECT id, status, updated_at, coalesce($8::jsonb, '{}'::jsonb)"
    + " || jsonb_strip_nulls(jsonb_build_object('attempt', attempts, 'agent', agent_id, 'error', $6::text))"
    + " FROM changed RETURNING id)"
    + " SELECT " + COLUMNS + ", (SELECT e.id FROM event e) AS event_id FROM changed";

  /**
   * Cancels every pending task that depends on task $1, directly or through other pending tasks, now that $1 ended
   * with status $2 and error $3 (null: none); each gets error {@code dependency <id> ended <status>: <error>} naming
   * its own dependency that ended, and its event. Answers the cancelled tasks, each with its {@code event_id}.
   */
  static final String CANCEL_DEPENDENTS = "WITH RECURSIVE doomed (task_id, reason) AS ("
    + " SELECT t.id, 'dependency ' || $1::uuid::text || ' ended ' || $2::text || coalesce(': ' || $3::text, '')"
    + " FROM tasks t WHERE t.status = 'pending' AND t.depends_on @> ARRAY[$1::uuid]"
    + " UNION"
    + " SELECT t.id, 'dependency ' || d.task_id::text || ' ended cancelled: ' || d.reason"
    + " FROM tasks t JOIN doomed d ON t.depends_on @> ARRAY[d.task_id] WHERE t.status = 'pending'),"
    + " chosen AS (SELECT DISTINCT ON (task_id) task_id, reason FROM doomed ORDER BY task_id, length(reason)),"
    + " cancelled AS (UPDATE tasks SET status = 'cancelled', updated_at = clock_timestamp(),"
    + " completed_at = clock_timestamp(), error = chosen.reason FROM chosen"
    + " WHERE tasks.id = chosen.task_id AND tasks.status = 'pending' RETURNING " + qualified("tasks") + "),"
    + " event AS (INSERT INTO task_events (task_id, status, at, detail)"
    + " SELECT id, status, updated_at, jsonb_build_object('error', error, 'dependency', $1::uuid::text)"
    + " FROM cancelled RETURNING id, task_id)"
    + " SELECT c.*, e.id AS event_id FROM cancelled c JOIN event e ON e.task_id = c.id ORDER BY e.id";

  /** Published tasks an agent has not finished: queued (waiting) or running (interrupted if no agent holds them). */
  static final String UNFINISHED = "SELECT " + COLUMNS + " FROM tasks"
    + " WHERE published_at IS NOT NULL AND status IN ('queued', 'running') ORDER BY priority DESC, created_at, id";

  /** Tasks by status, and of the pending ones those not yet published (the outbox). */
  static final String COUNTS = "SELECT status, count(*) AS tasks,"
    + " count(*) FILTER (WHERE published_at IS NULL) AS unpublished FROM tasks GROUP BY status";

  /** Notes a cancel request on running task $1 of owner $2 (null: any); the first request's time is kept. */
  static final String REQUEST_CANCEL = "UPDATE tasks SET cancel_requested_at = coalesce(cancel_requested_at,"
    + " clock_timestamp()), updated_at = clock_timestamp()"
    + " WHERE id = $1 AND ($2::text IS NULL OR owner = $2) AND status = 'running' RETURNING " + COLUMNS;

  /**
   * Newest first, filtered by owner $1, status $2, agent $3 and workflow $4 (null matches all); $5 and $6 are the
   * cursor (the last task of the previous page), $7 the page size.
   */
  static final String PAGE = "SELECT " + COLUMNS + " FROM tasks"
    + " WHERE ($1::text IS NULL OR owner = $1)"
    + " AND ($2::text IS NULL OR status = $2)"
    + " AND ($3::text IS NULL OR agent_id = $3)"
    + " AND ($4::uuid IS NULL OR workflow_id = $4)"
    + " AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6::uuid))"
    + " ORDER BY created_at DESC, id DESC LIMIT $7";

  static final String EVENTS = "SELECT " + EVENT_COLUMNS + " FROM task_events WHERE task_id = $1 AND id > $2"
    + " ORDER BY id LIMIT $3";

  /**
   * The oldest $1 tasks waiting for publication: pending, unpublished, and every task they depend on completed
   * (a workflow step joins the outbox when its last dependency completes).
   */
  static final String OUTBOX = "SELECT " + COLUMNS + " FROM tasks t"
    + " WHERE t.published_at IS NULL AND t.status = 'pending'"
    + " AND NOT EXISTS (SELECT 1 FROM tasks d WHERE d.id = ANY(t.depends_on) AND d.status <> 'completed')"
    + " AND ($2::text[] IS NULL OR t.agent_id = ANY($2::text[]))"
    + " ORDER BY t.created_at, t.id LIMIT $1";

  private static String qualified(String table) {
    StringBuilder columns = new StringBuilder();
    for (String column : COLUMNS.split(",")) {
      columns.append(columns.length() == 0 ? "" : ", ").append(table).append('.').append(column.trim());
    }
    return columns.toString();
  }

  private TaskSql() {
  }
}
