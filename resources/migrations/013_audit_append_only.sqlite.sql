-- The audit log is append-only: a row can be neither changed nor removed, except with its
-- store (when the store itself is deleted).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN EXISTS (SELECT 1 FROM tenants WHERE id = old.tenant_id) BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
