-- Domain events waiting for delivery to the host ERP, written in the same unit
-- of work as the change they describe (see ARCHITECTURE.md, "Transactions").
CREATE TABLE downstream_outbox (
  seq          INTEGER PRIMARY KEY,
  event_id     TEXT    NOT NULL UNIQUE,
  type         TEXT    NOT NULL,
  site         TEXT    NOT NULL DEFAULT '',
  payload      TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  delivered_at TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0)
);
CREATE INDEX downstream_outbox_undelivered ON downstream_outbox (seq) WHERE delivered_at IS NULL;
