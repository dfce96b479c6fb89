-- fixture: in_transaction=false
-- Statements sent one at a time outside a transaction (a Flyway-style file
-- with transactions off): the fix adds the constraint NOT VALID and validates
-- it in a separate statement of the same file.
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
-- expect: constraint-missing-not-valid "scans the whole table"
