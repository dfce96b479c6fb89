BEGIN;
CREATE TABLE pins (id bigint);
ALTER TABLE pins ADD COLUMN digest text;
COMMIT;
CREATE INDEX CONCURRENTLY pins_digest_idx ON pins (digest);
-- expect: prefer-robust-stmts "CREATE INDEX CONCURRENTLY pins_digest_idx"
