CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_handle_key ON users (handle);
-- A table created in the same migration has no traffic yet.
CREATE TABLE t (a int, b int);
CREATE INDEX t_a_idx ON t (a);
-- A partitioned parent's own index cannot be built concurrently.
CREATE INDEX measurements_at_idx ON ONLY measurements (at);
-- Mentions in comments and strings are not statements: CREATE INDEX x ON users (a);
SELECT 'CREATE INDEX x ON users (a)';
