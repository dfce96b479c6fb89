-- fixture: in_transaction=false
-- golang-migrate and plain folders: the file manages its own transaction.
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
SAVEPOINT before_b;
ALTER TABLE users ADD COLUMN b text;
COMMIT;
BEGIN;
SELECT 1;
ROLLBACK;
