-- Analytics read long ranges from facts kept as chats happen, not from every message.
-- Each chat's activity per 15-minute slot of UTC time (`bucket` = ms / 900000; every time zone
-- in use is a whole number of 15 minutes from UTC, so a store's local days and hours are whole
-- slots; SQLite keeps the rows in time order, so a range is read without a sort): the customer's messages, the bot's, a person's replies (notes left out) and the
-- handoffs (escalated, taken), with their first and last times; the first of each that came
-- at or after the slot's first customer message (what "the bot's first answer after the
-- customer wrote" needs without reading the messages again); the customer's moods; and the
-- slot's newest time (writes after it are added on, earlier ones recompute the slot).
-- ChatActivity keeps it in step with messages and events in their transactions, and fills it
-- for the history the store already has when this migration runs.
CREATE TABLE chat_activity (
    tenant_id @BIGINT@ NOT NULL,
    conversation_id @BIGINT@ NOT NULL,
    bucket @BIGINT@ NOT NULL,
    customers INTEGER NOT NULL DEFAULT 0,
    first_customer_at @BIGINT@,
    bots INTEGER NOT NULL DEFAULT 0,
    first_bot_at @BIGINT@,
    last_bot_at @BIGINT@,
    bot_after_customer_at @BIGINT@,
    first_person_at @BIGINT@,
    person_after_customer_at @BIGINT@,
    first_handoff_at @BIGINT@,
    handoff_after_customer_at @BIGINT@,
    positive INTEGER NOT NULL DEFAULT 0,
    neutral INTEGER NOT NULL DEFAULT 0,
    negative INTEGER NOT NULL DEFAULT 0,
    unscored INTEGER NOT NULL DEFAULT 0,
    last_at @BIGINT@ NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, bucket, conversation_id),
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations(tenant_id, id)
        ON DELETE CASCADE
)@WITHOUT_ROWID@;
CREATE INDEX chat_activity_by_chat ON chat_activity (tenant_id, conversation_id, bucket);
CREATE INDEX chat_activity_unscored ON chat_activity (tenant_id, bucket) WHERE unscored > 0;
-- Each handoff's outcome, kept as it happens: a person's first reply at or after it and the
-- first time the chat went back to the bot or closed after it (the reply counts before that).
ALTER TABLE conversation_events ADD COLUMN replied_at @BIGINT@;
ALTER TABLE conversation_events ADD COLUMN ended_at @BIGINT@;
