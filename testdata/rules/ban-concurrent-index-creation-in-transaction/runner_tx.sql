-- fixture: in_transaction=true
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- expect: ban-concurrent-index-creation-in-transaction "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and the migration runner wraps this migration in a transaction"
