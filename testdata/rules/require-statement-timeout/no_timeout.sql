SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- expect: require-statement-timeout "takes an ACCESS EXCLUSIVE lock on users (blocks reads and writes) and scans the whole table while holding the lock without a statement_timeout"
CREATE INDEX users_a_idx ON users (a);
