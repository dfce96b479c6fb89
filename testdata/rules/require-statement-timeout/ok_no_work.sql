-- Brief locks without a scan or rewrite, and online index builds.
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users DROP COLUMN legacy;
CREATE INDEX CONCURRENTLY users_a_idx ON users (a);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a TYPE bigint;
