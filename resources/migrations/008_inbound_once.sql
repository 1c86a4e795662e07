-- A customer's message is stored once, even if two engine nodes on one PostgreSQL raced for it
-- (earlier versions let them): any duplicates kept from then keep their text, and give up the
-- provider id's claim so the unique index can hold.
UPDATE messages SET provider_message_id = provider_message_id || '#duplicate-' || CAST(id AS TEXT) WHERE direction = 'in' AND provider_message_id IS NOT NULL AND provider_message_id <> '' AND id NOT IN (SELECT MIN(id) FROM messages WHERE direction = 'in' AND provider_message_id IS NOT NULL AND provider_message_id <> '' GROUP BY tenant_id, conversation_id, provider_message_id);
CREATE UNIQUE INDEX messages_inbound_once ON messages (tenant_id, conversation_id, provider_message_id) WHERE direction = 'in' AND provider_message_id <> '';
