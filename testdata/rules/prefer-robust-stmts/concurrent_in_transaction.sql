-- fixture: in_transaction=true
CREATE TABLE pins (id bigint);
CREATE INDEX CONCURRENTLY pins_id_idx ON pins (id);
-- expect: prefer-robust-stmts "CREATE INDEX CONCURRENTLY pins_id_idx without IF NOT EXISTS: CREATE INDEX CONCURRENTLY cannot run inside a transaction"
CREATE INDEX CONCURRENTLY IF NOT EXISTS pins_id2_idx ON pins (id);
