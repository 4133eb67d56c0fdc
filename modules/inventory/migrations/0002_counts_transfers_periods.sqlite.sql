-- Stock counts, transfers between sites and closed periods.

-- A count remembers the last move id when it started: posting it after stock
-- moved in its locations is refused (recount), never silently applied.
CREATE TABLE inv_count (
  id           INTEGER PRIMARY KEY,
  number       TEXT   NOT NULL CONSTRAINT inv_count_number_unique UNIQUE,
  site         TEXT   NOT NULL REFERENCES inv_site (code),
  state        TEXT   NOT NULL CONSTRAINT inv_count_state CHECK (state IN ('draft', 'posted', 'cancelled')),
  started_move BIGINT NOT NULL,
  created_at   TEXT   NOT NULL,
  posted_at    TEXT
);
CREATE TABLE inv_count_line (
  count_id    BIGINT NOT NULL REFERENCES inv_count (id),
  line        INTEGER NOT NULL,
  location_id BIGINT NOT NULL REFERENCES inv_location (id),
  product_id  BIGINT NOT NULL REFERENCES inv_product (id),
  lot_id      BIGINT NOT NULL DEFAULT 0,
  counted     BIGINT NOT NULL CONSTRAINT inv_count_line_counted_not_negative CHECK (counted >= 0),
  PRIMARY KEY (count_id, line),
  CONSTRAINT inv_count_line_once UNIQUE (count_id, location_id, product_id, lot_id)
);

CREATE TABLE inv_transfer (
  id         INTEGER PRIMARY KEY,
  number     TEXT NOT NULL CONSTRAINT inv_transfer_number_unique UNIQUE,
  from_site  TEXT NOT NULL REFERENCES inv_site (code),
  to_site    TEXT NOT NULL REFERENCES inv_site (code),
  state      TEXT NOT NULL CONSTRAINT inv_transfer_state CHECK
               (state IN ('draft', 'shipped', 'partially_received', 'received', 'cancelled')),
  created_at TEXT NOT NULL,
  shipped_at TEXT,
  closed_at  TEXT,
  CONSTRAINT inv_transfer_between_two_sites CHECK (from_site <> to_site)
);
CREATE TABLE inv_transfer_line (
  transfer_id BIGINT NOT NULL REFERENCES inv_transfer (id),
  line        INTEGER NOT NULL,
  product_id  BIGINT NOT NULL REFERENCES inv_product (id),
  lot_id      BIGINT NOT NULL DEFAULT 0,
  quantity    BIGINT NOT NULL CONSTRAINT inv_transfer_line_quantity_positive CHECK (quantity > 0),
  received    BIGINT NOT NULL DEFAULT 0,
  lost        BIGINT NOT NULL DEFAULT 0,
  loss_reason TEXT   NOT NULL DEFAULT '',
  PRIMARY KEY (transfer_id, line),
  CONSTRAINT inv_transfer_line_not_over_received CHECK (received >= 0 AND lost >= 0 AND received + lost <= quantity)
);

-- `inventory close-period DATE` snapshots on-hand per balance as of the end of DATE;
-- stock as of a later date starts from the latest snapshot plus later done moves.
CREATE TABLE inv_period (
  closed_through TEXT NOT NULL PRIMARY KEY,
  last_move      BIGINT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE TABLE inv_period_balance (
  closed_through TEXT   NOT NULL REFERENCES inv_period (closed_through),
  location_id    BIGINT NOT NULL,
  product_id     BIGINT NOT NULL,
  lot_id         BIGINT NOT NULL,
  site           TEXT   NOT NULL,
  on_hand        BIGINT NOT NULL,
  PRIMARY KEY (closed_through, product_id, location_id, lot_id)
);
