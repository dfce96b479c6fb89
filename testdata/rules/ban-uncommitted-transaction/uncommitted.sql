BEGIN;
-- expect: ban-uncommitted-transaction "this transaction is never committed"
ALTER TABLE users ADD COLUMN nickname text;
