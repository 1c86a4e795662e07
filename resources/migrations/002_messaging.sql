-- Messaging, version 2: the durable inbox and outbox, media on messages, channel health.

-- Media and provider extras on messages. media_state: '' (none), pending, ready, failed.
ALTER TABLE messages ADD COLUMN media_state TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN media_mime TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN media_source TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';

-- Inbound events: body is the normalized item (JSON); kind is message or status.
ALTER TABLE inbound_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'message';
CREATE INDEX inbound_events_unprocessed ON inbound_events (id) WHERE processed_at IS NULL;

-- Version 1 had an outbox nobody wrote to; it is replaced by one that can be reconciled after a
-- crash: 'interrupted' is a row that was being sent when the engine stopped.
DROP TABLE outbox;
CREATE TABLE outbox (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    channel_id @BIGINT@ NOT NULL,
    conversation_id @BIGINT@ NOT NULL,
    message_id @BIGINT@ NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'media', 'template')),
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'interrupted')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at @BIGINT@ NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    provider_message_id TEXT NOT NULL DEFAULT '',
    claimed_at @BIGINT@,
    claimed_by TEXT NOT NULL DEFAULT '',
    created_at @BIGINT@ NOT NULL,
    updated_at @BIGINT@ NOT NULL,
    FOREIGN KEY (tenant_id, message_id) REFERENCES messages(tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, channel_id) REFERENCES channels(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_queue ON outbox (state, id);
CREATE INDEX outbox_by_message ON outbox (tenant_id, message_id);
CREATE INDEX outbox_by_conversation ON outbox (tenant_id, conversation_id, id);

-- What the Settings pane shows per channel.
CREATE TABLE channel_health (
    channel_id @BIGINT@ NOT NULL PRIMARY KEY,
    tenant_id @BIGINT@ NOT NULL,
    last_webhook_at @BIGINT@,
    rejected_count @BIGINT@ NOT NULL DEFAULT 0,
    last_rejected_at @BIGINT@,
    last_rejected_reason TEXT NOT NULL DEFAULT '',
    send_failures @BIGINT@ NOT NULL DEFAULT 0,
    last_send_failure_at @BIGINT@,
    last_send_failure_reason TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (tenant_id, channel_id) REFERENCES channels(tenant_id, id) ON DELETE CASCADE
);
