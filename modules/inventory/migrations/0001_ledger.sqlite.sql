-- The inventory ledger (ARCHITECTURE.md, "Stock is a ledger"). Quantities are
-- BIGINT millionths of the product's unit (downstream::Decimal raw values), never
-- floating point. Rules the stock must obey are CHECK constraints, named so an
-- API error can say which rule refused the change.

-- Units of measure: each unit is a factor of its category's reference unit
-- (each = 1, box-12 = 12; kg = 1, g = 0.001); rounding is the smallest step.
CREATE TABLE inv_unit (
  code     TEXT   NOT NULL PRIMARY KEY,
  category TEXT   NOT NULL,
  factor   BIGINT NOT NULL CONSTRAINT inv_unit_factor_positive CHECK (factor > 0),
  rounding BIGINT NOT NULL CONSTRAINT inv_unit_rounding_positive CHECK (rounding > 0)
);

CREATE TABLE inv_product (
  id         INTEGER PRIMARY KEY,
  sku        TEXT    NOT NULL CONSTRAINT inv_product_sku_unique UNIQUE,
  name       TEXT    NOT NULL,
  unit       TEXT    NOT NULL REFERENCES inv_unit (code),
  tracking   TEXT    NOT NULL CONSTRAINT inv_product_tracking CHECK (tracking IN ('none', 'lot', 'serial')),
  weight     BIGINT  NOT NULL DEFAULT 0 CONSTRAINT inv_product_weight_not_negative CHECK (weight >= 0),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT    NOT NULL
);

-- Sites come from config/sites.d; `config apply` keeps these rows in step.
CREATE TABLE inv_site (
  code     TEXT    NOT NULL PRIMARY KEY,
  name     TEXT    NOT NULL,
  kind     TEXT    NOT NULL CONSTRAINT inv_site_kind CHECK (kind IN ('warehouse', 'store', 'distribution_centre')),
  timezone TEXT    NOT NULL,
  address  TEXT    NOT NULL DEFAULT '',
  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Physical locations belong to a site (code is the path in its tree: "storage/A-01").
-- Virtual ones have site '' (supplier, customer, adjustment) or are the transit
-- between two sites ("transit/NORTH/SOUTH", site ''); they may go negative.
CREATE TABLE inv_location (
  id        INTEGER PRIMARY KEY,
  site      TEXT    NOT NULL,
  code      TEXT    NOT NULL,
  name      TEXT    NOT NULL DEFAULT '',
  kind      TEXT    NOT NULL CONSTRAINT inv_location_kind CHECK (kind IN
              ('storage', 'bin', 'input', 'output', 'quality', 'scrap', 'supplier', 'customer', 'adjustment', 'transit')),
  parent_id BIGINT  REFERENCES inv_location (id),
  physical  INTEGER NOT NULL CHECK (physical IN (0, 1)),
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  CONSTRAINT inv_location_site_code_unique UNIQUE (site, code)
);

CREATE TABLE inv_lot (
  id         INTEGER PRIMARY KEY,
  product_id BIGINT NOT NULL REFERENCES inv_product (id),
  code       TEXT   NOT NULL,
  expiry     TEXT,
  created_at TEXT   NOT NULL,
  CONSTRAINT inv_lot_product_code_unique UNIQUE (product_id, code)
);

-- Every change of stock. Planned moves (draft, reserved) count as incoming and
-- outgoing; done moves changed the balances in the same unit of work.
CREATE TABLE inv_move (
  id            INTEGER PRIMARY KEY,
  product_id    BIGINT NOT NULL REFERENCES inv_product (id),
  lot_id        BIGINT NOT NULL DEFAULT 0,
  quantity      BIGINT NOT NULL CONSTRAINT inv_move_quantity_positive CHECK (quantity > 0),
  from_location BIGINT NOT NULL REFERENCES inv_location (id),
  to_location   BIGINT NOT NULL REFERENCES inv_location (id),
  state         TEXT   NOT NULL CONSTRAINT inv_move_state CHECK (state IN ('draft', 'reserved', 'done', 'cancelled')),
  planned_at    TEXT   NOT NULL,
  done_at       TEXT,
  doc_type      TEXT   NOT NULL DEFAULT '',
  doc_id        TEXT   NOT NULL DEFAULT '',
  doc_line      TEXT   NOT NULL DEFAULT '',
  reason        TEXT   NOT NULL DEFAULT '',
  created_at    TEXT   NOT NULL,
  CONSTRAINT inv_move_from_differs_from_to CHECK (from_location <> to_location),
  CONSTRAINT inv_move_done_has_date CHECK ((state = 'done') = (done_at IS NOT NULL))
);
CREATE INDEX inv_move_document ON inv_move (doc_type, doc_id, doc_line);
CREATE INDEX inv_move_done_at ON inv_move (done_at);
CREATE INDEX inv_move_planned ON inv_move (product_id, planned_at) WHERE state IN ('draft', 'reserved');
CREATE INDEX inv_move_from ON inv_move (from_location, id);
CREATE INDEX inv_move_to ON inv_move (to_location, id);

-- One row per (location, product, lot), changed with every done move. lot_id 0 is
-- "no lot". The rules of stock are here, not in a setting.
CREATE TABLE inv_balance (
  location_id BIGINT  NOT NULL REFERENCES inv_location (id),
  product_id  BIGINT  NOT NULL REFERENCES inv_product (id),
  lot_id      BIGINT  NOT NULL DEFAULT 0,
  site        TEXT    NOT NULL,
  physical    INTEGER NOT NULL CHECK (physical IN (0, 1)),
  on_hand     BIGINT  NOT NULL DEFAULT 0,
  reserved    BIGINT  NOT NULL DEFAULT 0,
  received_at TEXT    NOT NULL,
  PRIMARY KEY (location_id, product_id, lot_id),
  CONSTRAINT inv_balance_on_hand_not_negative CHECK (physical = 0 OR on_hand >= 0),
  CONSTRAINT inv_balance_reserved_not_negative CHECK (reserved >= 0),
  CONSTRAINT inv_balance_reserved_within_on_hand CHECK (reserved = 0 OR reserved <= on_hand)
);
CREATE INDEX inv_balance_product ON inv_balance (product_id, site);

-- Reservations are rows; a balance's reserved is the sum of its open ones.
CREATE TABLE inv_reservation (
  id          INTEGER PRIMARY KEY,
  location_id BIGINT NOT NULL,
  product_id  BIGINT NOT NULL,
  lot_id      BIGINT NOT NULL DEFAULT 0,
  site        TEXT   NOT NULL,
  quantity    BIGINT NOT NULL CONSTRAINT inv_reservation_quantity_positive CHECK (quantity > 0),
  doc_type    TEXT   NOT NULL,
  doc_id      TEXT   NOT NULL,
  doc_line    TEXT   NOT NULL DEFAULT '',
  state       TEXT   NOT NULL CONSTRAINT inv_reservation_state CHECK (state IN ('open', 'released', 'shipped')),
  created_at  TEXT   NOT NULL,
  FOREIGN KEY (location_id, product_id, lot_id) REFERENCES inv_balance (location_id, product_id, lot_id)
);
CREATE INDEX inv_reservation_document ON inv_reservation (doc_type, doc_id, doc_line) WHERE state = 'open';
CREATE INDEX inv_reservation_balance ON inv_reservation (location_id, product_id, lot_id) WHERE state = 'open';

-- The per-site summary availability reads: kept with every balance and planned
-- move, so no availability read scans the ledger.
CREATE TABLE inv_stock (
  product_id BIGINT NOT NULL REFERENCES inv_product (id),
  site       TEXT   NOT NULL,
  on_hand    BIGINT NOT NULL DEFAULT 0,
  reserved   BIGINT NOT NULL DEFAULT 0,
  incoming   BIGINT NOT NULL DEFAULT 0,
  outgoing   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, site),
  CONSTRAINT inv_stock_on_hand_not_negative CHECK (on_hand >= 0),
  CONSTRAINT inv_stock_reserved_within_on_hand CHECK (reserved >= 0 AND reserved <= on_hand),
  CONSTRAINT inv_stock_planned_not_negative CHECK (incoming >= 0 AND outgoing >= 0)
);

-- Document numbers per site and kind, taken late in the unit of work.
CREATE TABLE inv_sequence (
  site TEXT   NOT NULL,
  kind TEXT   NOT NULL,
  next BIGINT NOT NULL CHECK (next > 0),
  PRIMARY KEY (site, kind)
);

-- The virtual locations every installation has; transit locations between two
-- sites are added on first use.
INSERT INTO inv_location (site, code, name, kind, physical) VALUES
  ('', 'supplier', 'Suppliers', 'supplier', 0),
  ('', 'customer', 'Customers', 'customer', 0),
  ('', 'adjustment', 'Inventory adjustments', 'adjustment', 0);
