-- Undoing its own up's SET NOT NULL restores the old contract.
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;
-- expect: ban-drop-not-null "users.name"
