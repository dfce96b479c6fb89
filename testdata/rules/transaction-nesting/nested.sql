-- fixture: in_transaction=false
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
BEGIN;
-- expect: transaction-nesting "BEGIN inside a transaction already opened by an earlier BEGIN"
ALTER TABLE users ADD COLUMN b text;
COMMIT;
