-- Stock that follows orders: every change of a product's stock is a movement, written in the
-- same transaction as the change. An order takes its goods when it is confirmed (or delivered
-- without being confirmed first) and gives them back when cancelled; a changed confirmed order
-- moves the difference; a person's edit or a catalogue import is its own movement.
CREATE TABLE stock_movements (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    product_id @BIGINT@ NOT NULL,
    at @BIGINT@ NOT NULL,
    change @REAL@ NOT NULL,
    stock_after @REAL@ NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('order', 'order_change', 'cancel', 'edit', 'import')),
    order_id @BIGINT@,
    operator_id @BIGINT@,
    FOREIGN KEY (tenant_id, product_id) REFERENCES products(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX stock_movements_by_product ON stock_movements (tenant_id, product_id, at);
CREATE INDEX stock_movements_by_time ON stock_movements (tenant_id, at);
