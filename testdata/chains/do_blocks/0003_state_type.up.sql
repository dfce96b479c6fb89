DO $$ BEGIN
  CREATE TYPE state AS ENUM ('new', 'done');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
-- The type exists now: this block does nothing.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'state') THEN
    CREATE TYPE state AS ENUM ('other');
  END IF;
END $$;
ALTER TABLE downloads ADD COLUMN state state;
