-- Bills: a confirmed (or delivered) order gets the store's next bill number in the same
-- transaction, from a counter row per store that serializes concurrent confirmations, so the
-- numbers have no gaps (a rolled-back confirmation gives its number back) and never repeat. A
-- cancelled order keeps its number (its bill reprints as cancelled).
ALTER TABLE orders ADD COLUMN bill_number @BIGINT@;
CREATE UNIQUE INDEX orders_bill_number ON orders (tenant_id, bill_number);
CREATE TABLE bill_counters (
    tenant_id @BIGINT@ PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    last_number @BIGINT@ NOT NULL
);
