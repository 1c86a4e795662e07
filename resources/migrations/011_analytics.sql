-- Analytics: what happened to each chat and when (a chat started waiting for a person, a person
-- took it, gave it back, closed or reopened it), so reports count handoffs and waits from facts
-- rather than from a chat's current state; who took each order (the bot alone, or a person had
-- to confirm it); and the indexes the reports' range scans need.
CREATE TABLE conversation_events (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversation_id @BIGINT@ NOT NULL,
    at @BIGINT@ NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('escalated', 'takeover', 'assign', 'handback', 'close', 'reopen')),
    reason_code TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    operator_id @BIGINT@
);
CREATE INDEX conversation_events_by_time ON conversation_events (tenant_id, at);
CREATE INDEX conversation_events_by_chat ON conversation_events (tenant_id, conversation_id, at);
ALTER TABLE orders ADD COLUMN taken_by TEXT NOT NULL DEFAULT 'bot';
-- Customers' and the bot's messages by time, each only its own rows (partial), holding the chat
-- too: the reports' counts per day and hour read the index alone.
CREATE INDEX messages_customer_by_time ON messages (tenant_id, created_at, conversation_id)
    WHERE author = 'customer';
CREATE INDEX messages_bot_by_time ON messages (tenant_id, created_at, conversation_id)
    WHERE author = 'bot';
CREATE INDEX messages_person_by_time ON messages (tenant_id, created_at, conversation_id)
    WHERE author = 'human';
CREATE INDEX messages_by_chat_author ON messages (tenant_id, conversation_id, author, created_at);
-- The mood of a customer's text message (-1, 0, 1), scored with the lexicon the first time a
-- report covers it; NULL until then.
ALTER TABLE messages ADD COLUMN mood INTEGER;
CREATE INDEX messages_mood_by_time ON messages (tenant_id, created_at, conversation_id, mood)
    WHERE author = 'customer' AND type = 'text';
-- A contact's chats (every inbound message looks up its contact's open chat: without this a
-- store with 100,000 chats scanned them all, holding SQLite's write lock), and a channel's.
CREATE INDEX conversations_by_contact ON conversations (tenant_id, contact_id, id);
CREATE INDEX conversations_by_channel ON conversations (tenant_id, channel_id);
CREATE INDEX orders_by_time ON orders (tenant_id, created_at);
CREATE INDEX retrieval_log_by_time ON retrieval_log (tenant_id, at);
CREATE INDEX reminders_by_sent ON reminders (tenant_id, sent_at);
CREATE INDEX ledger_by_time ON ledger_entries (tenant_id, created_at);
-- Chats that waited for a person before this version keep that fact.
INSERT INTO conversation_events (tenant_id, conversation_id, at, kind, reason_code, reason)
SELECT tenant_id, id, needs_human_since, 'escalated', '', escalation_reason FROM conversations
WHERE needs_human = 1 AND needs_human_since IS NOT NULL;
