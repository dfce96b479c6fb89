-- fixture: in_transaction=true
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
-- expect: transaction-nesting "COMMIT ends the transaction the migration runner opened"
CREATE INDEX CONCURRENTLY users_nick_idx ON users (nickname);
