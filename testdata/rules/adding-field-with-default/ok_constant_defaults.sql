-- PostgreSQL 11+: constant and stable defaults are stored once, no rewrite.
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE users ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE users ADD COLUMN n int DEFAULT -1;
ALTER TABLE users ADD COLUMN tags text[] DEFAULT '{}'::text[];
ALTER TABLE users ADD COLUMN meta jsonb DEFAULT '{}';
-- A comment: ALTER TABLE users ADD COLUMN t uuid DEFAULT gen_random_uuid();
SELECT 'ALTER TABLE users ADD COLUMN t uuid DEFAULT gen_random_uuid()';
