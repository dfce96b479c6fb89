ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
-- expect: ban-drop-not-null "dropping NOT NULL on users.email lets NULLs in"
