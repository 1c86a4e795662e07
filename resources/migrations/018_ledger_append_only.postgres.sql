-- Ledger entries are never changed (a correction is a reversing entry); the note alone may be
-- blanked, as an erasure of the customer's data does.
CREATE FUNCTION ledger_entries_no_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'A ledger entry cannot be changed; record a reversing entry instead.'; END $$;
CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OF tenant_id, contact_id, kind, amount_minor, method, order_id, created_at, reverses_id ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_no_change();
