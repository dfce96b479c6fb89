-- fixture: in_transaction=false
-- Sent as one query string: PostgreSQL runs it as one implicit transaction block.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- expect: ban-concurrent-index-creation-in-transaction "sends as one query string"
DROP INDEX CONCURRENTLY users_old_idx;
-- expect: ban-concurrent-index-creation-in-transaction "DROP INDEX CONCURRENTLY"
