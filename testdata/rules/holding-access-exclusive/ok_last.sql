-- fixture: in_transaction=true
-- The ACCESS EXCLUSIVE statement comes last.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS x ON accounts (a);
UPDATE accounts SET plan = 'free' WHERE plan IS NULL;
ALTER TABLE users ADD COLUMN plan text;
