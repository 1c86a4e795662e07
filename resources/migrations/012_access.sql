-- Operators sign in and have roles; customers can opt out and be erased.
-- secret_hash: the operator's password or PIN as an Argon2id string (libsodium crypto_pwhash_str),
-- empty for none. Wrong tries are counted and, past a few, lock the operator out for a while.
ALTER TABLE operators ADD COLUMN secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE operators ADD COLUMN failed_signins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE operators ADD COLUMN locked_until @BIGINT@;
ALTER TABLE operators ADD COLUMN last_signin_at @BIGINT@;
ALTER TABLE operators ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
CREATE INDEX audit_log_by_time ON audit_log (tenant_id, created_at);
-- A customer who wrote STOP gets no reminders or templates until they write START.
ALTER TABLE contacts ADD COLUMN opted_out_at @BIGINT@;
-- A customer whose data was erased: the row stays (orders point at it) with no name or phone.
ALTER TABLE contacts ADD COLUMN erased_at @BIGINT@;
