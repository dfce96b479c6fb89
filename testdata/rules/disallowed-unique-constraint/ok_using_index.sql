ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
CREATE TABLE t (a int);
ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);
-- A unique index is require-concurrent-index-creation's.
CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle);
