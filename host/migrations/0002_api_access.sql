-- API keys and the first answers of idempotent POSTs (see ARCHITECTURE.md, "The HTTP API").
-- A key is shown once; only its keyed hash is kept, found by its public key_id.
CREATE TABLE downstream_api_key (
  key_id      TEXT NOT NULL PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  role        TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  sites       TEXT NOT NULL DEFAULT '',
  secret_hash TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

-- One row per (API key, Idempotency-Key): written in the request's own unit of
-- work, so the answer is stored if and only if the writes were committed.
CREATE TABLE downstream_idempotency (
  key_id       TEXT    NOT NULL,
  idem_key     TEXT    NOT NULL,
  method       TEXT    NOT NULL,
  path         TEXT    NOT NULL,
  request_hash TEXT    NOT NULL,
  status       INTEGER NOT NULL,
  content_type TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  expires_us   BIGINT  NOT NULL,
  PRIMARY KEY (key_id, idem_key)
);
CREATE INDEX downstream_idempotency_expiry ON downstream_idempotency (expires_us);
