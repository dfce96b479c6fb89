ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
-- expect: constraint-missing-not-valid "ACCESS EXCLUSIVE lock on orders (blocks reads and writes) and scans the whole table"
ALTER TABLE orders ADD CHECK (qty > 0);
-- expect: constraint-missing-not-valid "adding CHECK constraint checks every existing row"
