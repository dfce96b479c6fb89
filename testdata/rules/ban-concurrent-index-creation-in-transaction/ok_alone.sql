-- fixture: in_transaction=false
-- Alone in a migration that runs without a transaction.
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
