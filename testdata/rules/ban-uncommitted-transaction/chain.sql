START TRANSACTION;
-- expect: ban-uncommitted-transaction "never committed"
ALTER TABLE users ADD COLUMN nickname text;
COMMIT AND CHAIN;
ALTER TABLE users ADD COLUMN b text;
