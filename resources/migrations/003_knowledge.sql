-- Knowledge, version 3.

-- A revision per store, raised by every change to its documents or passages: each engine node
-- keeps its own retrieval index and rebuilds a store's part only when the revision moved.
CREATE TABLE knowledge_revisions (
    tenant_id @BIGINT@ PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    revision @BIGINT@ NOT NULL
);

-- Dense vectors from the store's embeddings endpoint: little-endian float32, base64; the model
-- that made them, so a change of model is noticed; edited marks a passage changed by hand.
ALTER TABLE knowledge_chunks ADD COLUMN embedding TEXT NOT NULL DEFAULT '';
ALTER TABLE knowledge_chunks ADD COLUMN embedding_model TEXT NOT NULL DEFAULT '';
ALTER TABLE knowledge_chunks ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;

-- Every retrieval, live (a customer's message) or a test from the console: what was asked,
-- what was found, what the bot said or why it handed over. Knowledge gaps are read from here.
CREATE TABLE retrieval_log (
    id @ID@,
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    at @BIGINT@ NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('live', 'test')),
    conversation_id @BIGINT@,
    question TEXT NOT NULL,
    query TEXT NOT NULL,
    hits TEXT NOT NULL,
    answer TEXT NOT NULL,
    confidence @REAL@ NOT NULL,
    escalated INTEGER NOT NULL,
    reason TEXT NOT NULL,
    answered_by TEXT NOT NULL,
    latency_ms @REAL@ NOT NULL
);
CREATE INDEX retrieval_log_recent ON retrieval_log (tenant_id, id);
