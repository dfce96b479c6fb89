ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
-- New tables: nothing to validate.
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
ALTER TABLE items ADD CONSTRAINT items_sku_fkey FOREIGN KEY (sku) REFERENCES skus (sku);
-- CHECK constraints are constraint-missing-not-valid's.
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
