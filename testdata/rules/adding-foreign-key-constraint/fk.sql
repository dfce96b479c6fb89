ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
-- expect: adding-foreign-key-constraint "SHARE ROW EXCLUSIVE lock on orders (blocks writes and other DDL; reads go on) and scans the whole table"
ALTER TABLE orders ADD FOREIGN KEY (account_id) REFERENCES accounts;
-- expect: adding-foreign-key-constraint "SHARE ROW EXCLUSIVE lock on accounts"
ALTER TABLE orders ADD COLUMN shop_id bigint REFERENCES shops (id);
-- expect: adding-foreign-key-constraint "adding a foreign key to orders"
