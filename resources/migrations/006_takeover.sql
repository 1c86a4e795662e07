-- Live takeover: since when a chat has waited for a person (the queue's order), and why a
-- closed chat was closed. Labels stay in conversations.labels; the store's label list, quick
-- replies and takeover notices are settings.
ALTER TABLE conversations ADD COLUMN needs_human_since @BIGINT@;
ALTER TABLE conversations ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '';
UPDATE conversations SET needs_human_since = last_message_at WHERE needs_human = 1;
CREATE INDEX conversations_queue ON conversations (tenant_id, needs_human, needs_human_since);
CREATE INDEX audit_by_time ON audit_log (tenant_id, created_at);
