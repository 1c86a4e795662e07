-- The bot's durable queue: a customer's message waits for the bot (bot_pending 1) until the
-- turn that answers it commits (2), and one engine node at a time answers a chat (bot_node holds it
-- until bot_lease_until), so a node that stops or crashes leaves nothing unanswered and every
-- chat is answered in order. Messages from before this version are not waiting.
ALTER TABLE messages ADD COLUMN bot_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN bot_node TEXT;
ALTER TABLE conversations ADD COLUMN bot_lease_until @BIGINT@;
CREATE INDEX messages_bot_pending ON messages (conversation_id, id) WHERE bot_pending = 1;
