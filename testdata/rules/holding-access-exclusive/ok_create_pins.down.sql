-- fixture: in_transaction=true
-- Dropping what the up created, in order.
DROP TABLE pin_tags;
DROP TABLE pins;
