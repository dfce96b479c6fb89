-- fixture: in_transaction=true
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
-- expect: constraint-missing-not-valid "validated in the same transaction"
