-- fixture: in_transaction=false
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
COMMIT;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
-- New table; foreign keys are adding-foreign-key-constraint's.
CREATE TABLE t (a int);
ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);
ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
-- Validating a constraint added by an earlier migration.
ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;
