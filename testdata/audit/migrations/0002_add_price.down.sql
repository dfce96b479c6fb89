-- Forgets the column: the round trip leaves "price" behind.
ALTER TABLE users DROP CONSTRAINT users_price_check;
