-- Stock as of a date reads one product's done moves since the last closed period,
-- and a site's stock reads that site's summary rows: both by index, so neither
-- grows with the length of the ledger (measured in BENCHMARKS.md, W3).
CREATE INDEX inv_move_product_done ON inv_move (product_id, done_at) WHERE state = 'done';
CREATE INDEX inv_stock_site ON inv_stock (site, product_id);
