-- The task record's lifecycle (issue 4): an owner, the agent as its catalogue id (ag-001), a status that only
-- moves along pending -> queued -> running -> completed | failed | dead | cancelled, every status change kept in
-- task_events with its time, and an outbox: a task stays unpublished (published_at null) until the task bus
-- confirmed it.

-- Agents are named by their catalogue id from conf/agents.json, which the agents table does not hold.
ALTER TABLE tasks DROP CONSTRAINT tasks_agent_id_fkey;
ALTER TABLE tasks ALTER COLUMN agent_id TYPE text USING agent_id::text;

ALTER TABLE tasks
  ADD COLUMN owner text NOT NULL DEFAULT 'system',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN published_at timestamptz,
  ADD COLUMN cancel_requested_at timestamptz,
  ADD CONSTRAINT tasks_status_check
    CHECK (status IN ('pending', 'queued', 'running', 'completed', 'failed', 'dead', 'cancelled')),
  ADD CONSTRAINT tasks_priority_check CHECK (priority BETWEEN 1 AND 10),
  ADD CONSTRAINT tasks_attempts_check CHECK (attempts >= 0);

ALTER TABLE tasks ALTER COLUMN owner DROP DEFAULT;

-- Listings, newest first, by owner, status, agent or none of them; the cursor is (created_at, id).
CREATE INDEX idx_tasks_created ON tasks (created_at DESC, id DESC);
CREATE INDEX idx_tasks_owner_created ON tasks (owner, created_at DESC, id DESC);
CREATE INDEX idx_tasks_status_created ON tasks (status, created_at DESC, id DESC);
CREATE INDEX idx_tasks_agent_created ON tasks (agent_id, created_at DESC, id DESC);

-- The outbox, drained oldest first.
CREATE INDEX idx_tasks_outbox ON tasks (created_at, id) WHERE published_at IS NULL AND status = 'pending';

CREATE TABLE task_events (
  id       bigserial PRIMARY KEY,
  task_id  uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  status   text NOT NULL
    CHECK (status IN ('pending', 'queued', 'running', 'completed', 'failed', 'dead', 'cancelled')),
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  detail   jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX idx_task_events_task ON task_events (task_id, id);

-- Tasks stored before this version start their history with the status they have.
INSERT INTO task_events (task_id, status, at)
SELECT id, status, coalesce(completed_at, started_at, created_at) FROM tasks ORDER BY created_at, id;
