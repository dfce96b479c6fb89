-- fixture: pg_version=10
ALTER TABLE users ADD COLUMN status text DEFAULT 'active';
-- expect: adding-field-with-default "before PostgreSQL 11 any default"
ALTER TABLE users ADD COLUMN note text DEFAULT NULL;
ALTER TABLE users ADD COLUMN plain text;
