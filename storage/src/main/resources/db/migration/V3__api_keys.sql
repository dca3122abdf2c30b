-- API keys for programs: only the SHA-256 of each key is kept, with a short prefix people can recognise.

CREATE TABLE api_keys (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  prefix        text NOT NULL,
  hash          text NOT NULL UNIQUE,
  owner         text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'operator', 'user', 'viewer')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

CREATE INDEX idx_api_keys_created ON api_keys (created_at DESC, id DESC);
