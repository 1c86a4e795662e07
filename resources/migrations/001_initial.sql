-- Shopdesk schema, version 1. Rendered for SQLite and PostgreSQL by Migrator:
--   @ID@ an auto-increment primary key, @BIGINT@ a 64-bit integer, @REAL@ a double.
-- Times are milliseconds since the epoch (UTC). Money is in minor units (paise).
-- Every row that belongs to a store carries tenant_id; child tables reference their parent
-- together with the tenant, so a row can never point into another store.

CREATE TABLE tenants (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at @BIGINT@ NOT NULL
);

CREATE TABLE operators (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'agent')),
    created_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, email),
    UNIQUE (tenant_id, id)
);

CREATE TABLE channels (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL CHECK (provider IN ('meta', 'twilio', 'evolution', 'simulator')),
    name TEXT NOT NULL,
    config TEXT NOT NULL DEFAULT '{}',
    webhook_key TEXT NOT NULL UNIQUE,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, id)
);

CREATE TABLE contacts (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    created_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, phone),
    UNIQUE (tenant_id, id)
);

CREATE TABLE conversations (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    channel_id @BIGINT@,
    contact_id @BIGINT@ NOT NULL,
    owner_kind TEXT NOT NULL DEFAULT 'bot' CHECK (owner_kind IN ('bot', 'human', 'closed')),
    owner_operator_id @BIGINT@,
    needs_human INTEGER NOT NULL DEFAULT 0,
    escalation_reason TEXT NOT NULL DEFAULT '',
    last_customer_message_at @BIGINT@,
    last_message_at @BIGINT@ NOT NULL,
    labels TEXT NOT NULL DEFAULT '[]',
    created_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts(tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, channel_id) REFERENCES channels(tenant_id, id),
    FOREIGN KEY (tenant_id, owner_operator_id) REFERENCES operators(tenant_id, id)
);
CREATE INDEX conversations_recent ON conversations (tenant_id, last_message_at);

CREATE TABLE messages (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    conversation_id @BIGINT@ NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    author TEXT NOT NULL CHECK (author IN ('customer', 'bot', 'human', 'system')),
    author_operator_id @BIGINT@,
    type TEXT NOT NULL DEFAULT 'text',
    body TEXT NOT NULL DEFAULT '',
    media_ref TEXT,
    provider_message_id TEXT,
    status TEXT NOT NULL DEFAULT 'received',
    failure_reason TEXT NOT NULL DEFAULT '',
    reply_to_id @BIGINT@,
    created_at @BIGINT@ NOT NULL,
    sent_at @BIGINT@,
    delivered_at @BIGINT@,
    read_at @BIGINT@,
    failed_at @BIGINT@,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations(tenant_id, id)
        ON DELETE CASCADE
);
CREATE INDEX messages_by_conversation ON messages (tenant_id, conversation_id, id);
CREATE INDEX messages_by_provider_id ON messages (tenant_id, provider_message_id);

CREATE TABLE inbound_events (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    channel_id @BIGINT@ NOT NULL,
    provider_message_id TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at @BIGINT@ NOT NULL,
    processed_at @BIGINT@,
    UNIQUE (channel_id, provider_message_id),
    FOREIGN KEY (tenant_id, channel_id) REFERENCES channels(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE outbox (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    channel_id @BIGINT@,
    conversation_id @BIGINT@ NOT NULL,
    message_id @BIGINT@ NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at @BIGINT@ NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at @BIGINT@ NOT NULL,
    updated_at @BIGINT@ NOT NULL,
    FOREIGN KEY (tenant_id, message_id) REFERENCES messages(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE knowledge_documents (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    source_name TEXT NOT NULL,
    mime_type TEXT NOT NULL DEFAULT 'text/plain',
    content_hash TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'indexed',
    created_at @BIGINT@ NOT NULL,
    updated_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, source_name),
    UNIQUE (tenant_id, id)
);

CREATE TABLE knowledge_chunks (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    document_id @BIGINT@ NOT NULL,
    ordinal INTEGER NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at @BIGINT@ NOT NULL,
    FOREIGN KEY (tenant_id, document_id) REFERENCES knowledge_documents(tenant_id, id)
        ON DELETE CASCADE
);
CREATE INDEX knowledge_chunks_by_document ON knowledge_chunks (tenant_id, document_id, ordinal);

CREATE TABLE products (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    brand TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    price_minor @BIGINT@ NOT NULL CHECK (price_minor >= 0),
    stock @REAL@ NOT NULL DEFAULT 0,
    low_stock_threshold @REAL@ NOT NULL DEFAULT 0,
    updated_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, sku),
    UNIQUE (tenant_id, id)
);

CREATE TABLE orders (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    contact_id @BIGINT@ NOT NULL,
    conversation_id @BIGINT@,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'confirmed', 'delivered', 'cancelled')),
    total_minor @BIGINT@ NOT NULL DEFAULT 0,
    created_at @BIGINT@ NOT NULL,
    updated_at @BIGINT@ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE order_lines (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    order_id @BIGINT@ NOT NULL,
    product_id @BIGINT@ NOT NULL,
    quantity @REAL@ NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    unit_price_minor @BIGINT@ NOT NULL,
    line_total_minor @BIGINT@ NOT NULL,
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, product_id) REFERENCES products(tenant_id, id)
);

CREATE TABLE ledger_entries (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    contact_id @BIGINT@ NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('credit', 'payment')),
    amount_minor @BIGINT@ NOT NULL CHECK (amount_minor > 0),
    note TEXT NOT NULL DEFAULT '',
    order_id @BIGINT@,
    created_at @BIGINT@ NOT NULL,
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ledger_by_contact ON ledger_entries (tenant_id, contact_id);

CREATE TABLE reminders (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL,
    contact_id @BIGINT@ NOT NULL,
    conversation_id @BIGINT@,
    kind TEXT NOT NULL DEFAULT 'payment',
    due_at @BIGINT@ NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'scheduled',
    created_at @BIGINT@ NOT NULL,
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE execution_traces (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversation_id @BIGINT@ NOT NULL,
    message_id @BIGINT@,
    trace TEXT NOT NULL,
    created_at @BIGINT@ NOT NULL
);
CREATE INDEX traces_by_message ON execution_traces (tenant_id, message_id);

CREATE TABLE audit_log (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    operator_id @BIGINT@,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at @BIGINT@ NOT NULL
);

CREATE TABLE settings (
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
