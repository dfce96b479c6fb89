-- A table created earlier in the same migration has no rows to rewrite.
CREATE TABLE sessions (user_id bigint);
ALTER TABLE sessions ADD COLUMN id uuid DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD COLUMN seq bigserial;
-- Setting a volatile default on an existing column applies to new rows only.
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
