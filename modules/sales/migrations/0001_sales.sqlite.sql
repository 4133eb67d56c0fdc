-- Sales orders (DOMAIN-RULES.md, "Sales"). Quantities are BIGINT millionths of
-- the product's unit, money BIGINT minor units of the order's currency.

CREATE TABLE sal_customer (
  id         INTEGER PRIMARY KEY,
  ref        TEXT NOT NULL CONSTRAINT sal_customer_ref_unique UNIQUE,
  name       TEXT NOT NULL,
  channel    TEXT NOT NULL CONSTRAINT sal_customer_channel CHECK (channel IN ('web', 'retail', 'wholesale', 'marketplace')),
  country    TEXT NOT NULL DEFAULT '',
  region     TEXT NOT NULL DEFAULT '',
  addresses  TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
);

-- A quote is a draft with quote_valid_until. The number is taken late in the
-- unit of work that creates the order, per site.
CREATE TABLE sal_order (
  id                INTEGER PRIMARY KEY,
  number            TEXT   NOT NULL CONSTRAINT sal_order_number_unique UNIQUE,
  site              TEXT   NOT NULL,
  customer_id       BIGINT NOT NULL REFERENCES sal_customer (id),
  channel           TEXT   NOT NULL,
  currency          TEXT   NOT NULL,
  state             TEXT   NOT NULL CONSTRAINT sal_order_state CHECK
                      (state IN ('draft', 'confirmed', 'partially_shipped', 'shipped', 'cancelled')),
  quote_valid_until TEXT,
  external_ref      TEXT   NOT NULL DEFAULT '',
  total_minor       BIGINT NOT NULL DEFAULT 0 CONSTRAINT sal_order_total_not_negative CHECK (total_minor >= 0),
  created_at        TEXT   NOT NULL,
  confirmed_at      TEXT,
  closed_at         TEXT
);
CREATE INDEX sal_order_state_site ON sal_order (state, site);

-- Where each unit of a line stands: allocated (reserved in an open shipment),
-- shipped, backordered (waiting for stock), cancelled, and the rest unallocated
-- (back from a cancelled shipment, to be allocated again or cancelled).
CREATE TABLE sal_order_line (
  order_id         BIGINT  NOT NULL REFERENCES sal_order (id),
  line             INTEGER NOT NULL,
  sku              TEXT    NOT NULL,
  quantity         BIGINT  NOT NULL CONSTRAINT sal_order_line_quantity_positive CHECK (quantity > 0),
  ordered_quantity BIGINT  NOT NULL CHECK (ordered_quantity > 0),
  ordered_unit     TEXT    NOT NULL,
  unit_price_minor BIGINT  NOT NULL CONSTRAINT sal_order_line_price_not_negative CHECK (unit_price_minor >= 0),
  line_total_minor BIGINT  NOT NULL CHECK (line_total_minor >= 0),
  requested_date   TEXT,
  allocated        BIGINT  NOT NULL DEFAULT 0,
  shipped          BIGINT  NOT NULL DEFAULT 0,
  backordered      BIGINT  NOT NULL DEFAULT 0,
  cancelled        BIGINT  NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line),
  CONSTRAINT sal_order_line_parts_not_negative CHECK (allocated >= 0 AND shipped >= 0 AND backordered >= 0 AND cancelled >= 0),
  CONSTRAINT sal_order_line_parts_within_quantity CHECK (allocated + shipped + backordered + cancelled <= quantity)
);
CREATE INDEX sal_order_line_backorders ON sal_order_line (sku) WHERE backordered > 0;

-- One shipment per order and site at a time; picking or shipping less than
-- reserved moves the rest to a backorder shipment (backorder_of).
CREATE TABLE sal_shipment (
  id           INTEGER PRIMARY KEY,
  number       TEXT   NOT NULL CONSTRAINT sal_shipment_number_unique UNIQUE,
  order_id     BIGINT NOT NULL REFERENCES sal_order (id),
  site         TEXT   NOT NULL,
  state        TEXT   NOT NULL CONSTRAINT sal_shipment_state CHECK
                 (state IN ('reserved', 'picked', 'packed', 'shipped', 'cancelled')),
  backorder_of BIGINT REFERENCES sal_shipment (id),
  carrier      TEXT   NOT NULL DEFAULT '',
  carrier_ref  TEXT   NOT NULL DEFAULT '',
  tracking     TEXT   NOT NULL DEFAULT '',
  created_at   TEXT   NOT NULL,
  shipped_at   TEXT,
  cancelled_at TEXT
);
CREATE INDEX sal_shipment_order ON sal_shipment (order_id);
CREATE INDEX sal_shipment_site_state ON sal_shipment (site, state);

CREATE TABLE sal_shipment_line (
  shipment_id BIGINT  NOT NULL REFERENCES sal_shipment (id),
  order_line  INTEGER NOT NULL,
  quantity    BIGINT  NOT NULL CONSTRAINT sal_shipment_line_quantity_positive CHECK (quantity > 0),
  picked      BIGINT  NOT NULL DEFAULT 0,
  shipped     BIGINT  NOT NULL DEFAULT 0,
  PRIMARY KEY (shipment_id, order_line),
  CONSTRAINT sal_shipment_line_within CHECK (picked >= 0 AND picked <= quantity AND shipped >= 0 AND shipped <= quantity)
);

CREATE TABLE sal_package (
  shipment_id BIGINT  NOT NULL REFERENCES sal_shipment (id),
  package     INTEGER NOT NULL,
  weight      BIGINT  NOT NULL CONSTRAINT sal_package_weight_positive CHECK (weight > 0),
  PRIMARY KEY (shipment_id, package)
);

-- The events an order sent (also in the host's outbox), for the order status.
CREATE TABLE sal_order_event (
  order_id   BIGINT NOT NULL REFERENCES sal_order (id),
  seq        INTEGER NOT NULL,
  type       TEXT   NOT NULL,
  payload    TEXT   NOT NULL,
  created_at TEXT   NOT NULL,
  PRIMARY KEY (order_id, seq)
);

CREATE TABLE sal_sequence (
  site TEXT   NOT NULL,
  kind TEXT   NOT NULL,
  next BIGINT NOT NULL CHECK (next > 0),
  PRIMARY KEY (site, kind)
);
