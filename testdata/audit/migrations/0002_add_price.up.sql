ALTER TABLE users ADD COLUMN price integer CHECK (price > 0);
