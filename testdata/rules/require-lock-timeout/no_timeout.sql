CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN b int;
ALTER TABLE users ADD COLUMN nickname text;
-- expect: require-lock-timeout "takes an ACCESS EXCLUSIVE lock on users (blocks reads and writes) without a lock_timeout"
-- One finding per migration.
CREATE INDEX users_a_idx ON users (a);
