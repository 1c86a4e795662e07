-- The AI employee, version 4.

-- A store's own intent examples, added in the console on top of the ones Shopdesk ships.
CREATE TABLE intent_examples (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at @BIGINT@ NOT NULL
);
CREATE INDEX intent_examples_tenant ON intent_examples (tenant_id, id);

-- What the bot remembers of a conversation between messages: the cart, the question it asked
-- and is waiting on, how often it did not understand, the customer's language style (JSON).
CREATE TABLE conversation_state (
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversation_id @BIGINT@ NOT NULL,
    state TEXT NOT NULL,
    updated_at @BIGINT@ NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);

CREATE INDEX execution_traces_conversation ON execution_traces (tenant_id, conversation_id, id);

-- A reminder names the amount it is about and the template it goes as outside the 24 hours.
ALTER TABLE reminders ADD COLUMN amount_minor @BIGINT@ NOT NULL DEFAULT 0;
ALTER TABLE reminders ADD COLUMN sent_at @BIGINT@;
CREATE INDEX reminders_due ON reminders (state, due_at);
