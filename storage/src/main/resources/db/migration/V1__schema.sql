-- SutazAI schema, version 1: agents, tasks and metrics (from the seed), conversations, messages, audit log.

CREATE TABLE agents (
  id          uuid PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  type        text NOT NULL,
  port        integer,
  status      text NOT NULL DEFAULT 'inactive',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
  id            uuid PRIMARY KEY,
  agent_id      uuid REFERENCES agents (id) ON DELETE SET NULL,
  type          text NOT NULL,
  payload       jsonb,
  status        text NOT NULL DEFAULT 'pending',
  priority      integer NOT NULL DEFAULT 5,
  created_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  result        jsonb,
  error         text,
  attempts      integer NOT NULL DEFAULT 0,
  started_at    timestamptz,
  parent_id     uuid REFERENCES tasks (id) ON DELETE CASCADE,
  workflow_id   uuid,
  depends_on    uuid[] NOT NULL DEFAULT '{}'
);

CREATE INDEX idx_tasks_status ON tasks (status);
CREATE INDEX idx_tasks_agent_id ON tasks (agent_id);
CREATE INDEX idx_tasks_workflow_id ON tasks (workflow_id) WHERE workflow_id IS NOT NULL;
CREATE INDEX idx_tasks_parent_id ON tasks (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE agent_metrics (
  id            bigserial PRIMARY KEY,
  agent_id      uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  metric_name   text NOT NULL,
  metric_value  double precision NOT NULL,
  timestamp     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_metrics_agent_timestamp ON agent_metrics (agent_id, timestamp);

CREATE TABLE conversations (
  id          uuid PRIMARY KEY,
  owner       text NOT NULL,
  title       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_conversations_owner_updated ON conversations (owner, updated_at DESC, id DESC);

CREATE TABLE messages (
  id                 bigserial PRIMARY KEY,
  conversation_id    uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq                integer NOT NULL,
  role               text NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
  content            text NOT NULL,
  model              text,
  status             text NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'cancelled', 'failed')),
  prompt_tokens      integer,
  completion_tokens  integer,
  queue_ms           bigint,
  ttft_ms            bigint,
  total_ms           bigint,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq)
);

CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  subject         text,
  role            text,
  action          text NOT NULL,
  target          text,
  outcome         text NOT NULL,
  request_id      text,
  client_address  text,
  detail          jsonb
);

CREATE INDEX idx_audit_log_at ON audit_log (at);
CREATE INDEX idx_audit_log_subject_at ON audit_log (subject, at);
