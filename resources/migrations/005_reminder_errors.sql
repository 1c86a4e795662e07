-- Why a reminder could not be sent, in words for the store owner.
ALTER TABLE reminders ADD COLUMN error TEXT NOT NULL DEFAULT '';
