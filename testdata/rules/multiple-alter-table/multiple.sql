ALTER TABLE users ADD COLUMN plan text;
ALTER TABLE users ADD COLUMN seats int;
-- expect: multiple-alter-table "another ALTER TABLE on users in this migration: each statement takes an ACCESS EXCLUSIVE lock on users (blocks reads and writes) again"
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE users ALTER COLUMN plan SET DEFAULT 'free';
-- expect: multiple-alter-table "on users"
