-- The customer ledger (udhaar) and the customers' own details.
-- A payment says how it came (cash, UPI, card); who wrote each entry is kept. Entries are
-- never changed: a mistake is put right with a reversing entry (the opposite kind, the same
-- amount, reverses_id pointing at the entry it undoes), and an entry is reversed at most once.
ALTER TABLE ledger_entries ADD COLUMN method TEXT NOT NULL DEFAULT '' CHECK (method IN ('', 'cash', 'upi', 'card'));
ALTER TABLE ledger_entries ADD COLUMN reverses_id @BIGINT@;
ALTER TABLE ledger_entries ADD COLUMN operator_id @BIGINT@;
CREATE UNIQUE INDEX ledger_reversed_once ON ledger_entries (tenant_id, reverses_id);
CREATE INDEX ledger_by_order ON ledger_entries (tenant_id, order_id);
-- A customer's book in order, without reading the whole store's ledger (SQLite preferred the
-- store-wide time index to skip the sort).
DROP INDEX ledger_by_contact;
CREATE INDEX ledger_by_contact ON ledger_entries (tenant_id, contact_id, created_at, id);
-- What a shop knows about a customer beyond the WhatsApp name: what they are called at the
-- counter, where they live, notes and labels. A walk-in customer has no WhatsApp number (their
-- phone column holds a placeholder that no provider id can take).
ALTER TABLE contacts ADD COLUMN nickname TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN landmark TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN labels TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;
-- A name the shop typed is kept; the WhatsApp profile name no longer replaces it.
ALTER TABLE contacts ADD COLUMN name_from_shop INTEGER NOT NULL DEFAULT 0;
CREATE INDEX orders_by_contact ON orders (tenant_id, contact_id, created_at);
