ALTER TABLE users ADD COLUMN name text DEFAULT 'x';
