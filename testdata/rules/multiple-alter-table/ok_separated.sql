-- Steps separated on purpose: backfill between, validation, new tables.
ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
ALTER TABLE users ALTER COLUMN plan SET NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN b int;
ALTER TABLE t ADD COLUMN c int;
ALTER TABLE m ATTACH PARTITION m1 FOR VALUES IN (1);
ALTER TABLE m ATTACH PARTITION m2 FOR VALUES IN (2);
