-- fixture: in_transaction=true
BEGIN;
-- expect: transaction-nesting "BEGIN inside the transaction the migration runner already opened"
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
