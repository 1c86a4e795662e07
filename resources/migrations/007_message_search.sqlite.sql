-- Full-text search over what customers and operators wrote, for the inbox's search box (FTS5,
-- kept in step with messages by triggers; tenant scoping is done by joining messages).
CREATE VIRTUAL TABLE message_search USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO message_search (rowid, body) SELECT id, body FROM messages;
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN INSERT INTO message_search (rowid, body) VALUES (new.id, new.body); END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body); END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF body ON messages BEGIN INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO message_search (rowid, body) VALUES (new.id, new.body); END;
