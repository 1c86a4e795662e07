-- Shared mode: the files of customers' messages and of the store's own sends are kept in the
-- database too (PostgreSQL only writes them), so every node and every console on the server can
-- open and send them, not only the computer that downloaded or chose them.
CREATE TABLE media_blobs (
    tenant_id @BIGINT@ NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    mime TEXT NOT NULL DEFAULT '',
    size @BIGINT@ NOT NULL,
    bytes @BLOB@ NOT NULL,
    created_at @BIGINT@ NOT NULL,
    PRIMARY KEY (tenant_id, path)
);
