-- The webhooks' inbox moves into a file of its own beside the database ("<database>-inbox"),
-- so recording a webhook never waits for this file's write lock (the bot's and the console's
-- writes). Its events are copied there after this migration (InboxStore::adoptMovedEvents),
-- which then drops the old table.
ALTER TABLE inbound_events RENAME TO inbound_events_moved;

-- Events applied in this database whose inbox file has not been told yet (InboxStore::settle):
-- written in the transaction that applies them, so an event is never applied twice.
CREATE TABLE inbox_applied (event_id INTEGER PRIMARY KEY);
