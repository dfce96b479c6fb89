-- fixture: in_transaction=false
BEGIN;
ALTER TABLE users RENAME COLUMN name TO full_name;
SET LOCAL statement_timeout = '1s';
CREATE VIEW users_v AS SELECT full_name FROM users;
-- expect: holding-access-exclusive "lock on users"
COMMIT;
-- After COMMIT the lock is gone.
SELECT 1;
