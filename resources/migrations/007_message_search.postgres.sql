-- Full-text search over what customers and operators wrote, for the inbox's search box: the
-- 'simple' configuration (no stemming: English, Hinglish and names alike), with a GIN index.
CREATE INDEX messages_search ON messages USING GIN (to_tsvector('simple', body));
