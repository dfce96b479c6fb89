-- fixture: role=up
-- A DO block that only reads and writes rows changes no table: what it
-- names stays judged.
CREATE TABLE users (id int, name text);
DO $$
BEGIN
  UPDATE users SET name = lower(name) WHERE name <> lower(name);
END $$;
ALTER TABLE users RENAME COLUMN display_name TO name;
-- expect: unknown-object "display_name"

-- One with DDL the model cannot follow (a string it computes) may have
-- changed what it names: that is not judged.
DO $$
BEGIN
  EXECUTE format('ALTER TABLE users ADD COLUMN %I text', 'nickname');
END $$;
ALTER TABLE users DROP COLUMN nickname;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
