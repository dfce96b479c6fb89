CREATE TABLE pins (id bigint);
-- expect: prefer-robust-stmts "CREATE TABLE pins without IF NOT EXISTS in a migration that does not run in a transaction"
CREATE INDEX CONCURRENTLY pins_id_idx ON pins (id);
-- expect: prefer-robust-stmts "CREATE INDEX CONCURRENTLY pins_id_idx without IF NOT EXISTS"
CREATE INDEX ON pins (id);
-- expect: prefer-robust-stmts "CREATE INDEX (unnamed)"
ALTER TABLE pins ADD COLUMN digest text, DROP COLUMN old, DROP CONSTRAINT pins_check;
-- expect: prefer-robust-stmts "ADD COLUMN digest without IF NOT EXISTS"
-- expect: prefer-robust-stmts "DROP COLUMN old without IF EXISTS"
-- expect: prefer-robust-stmts "DROP CONSTRAINT pins_check without IF EXISTS"
DROP INDEX CONCURRENTLY pins_old_idx;
-- expect: prefer-robust-stmts "DROP INDEX without IF EXISTS"
DROP MATERIALIZED VIEW mv;
-- expect: prefer-robust-stmts "DROP MATERIALIZED VIEW without IF EXISTS"
DROP TABLE old_pins;
-- expect: prefer-robust-stmts "DROP TABLE without IF EXISTS"
