-- fixture: in_transaction=true
ALTER TABLE users ADD COLUMN plan text;
UPDATE accounts SET plan = 'free';
-- expect: holding-access-exclusive "runs while the ACCESS EXCLUSIVE lock on users taken by an earlier statement is still held"
CREATE INDEX accounts_plan_idx ON accounts (plan);
