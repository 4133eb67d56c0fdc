-- The unit a line's quantity is kept in (the product's unit when the order was
-- taken), so an order's answers need not look every product up again. Lines
-- written before this migration have NULL and are answered from the product.
ALTER TABLE sal_order_line ADD COLUMN unit TEXT;
