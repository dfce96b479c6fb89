-- fixture: in_transaction=true
SET LOCAL lock_timeout TO '5s';
ALTER TABLE users ADD COLUMN nickname text;
