DO $$ BEGIN
  ALTER TABLE downloads ADD CONSTRAINT downloads_version_check CHECK (version_id > 0);
EXCEPTION WHEN duplicate_object THEN null;
END $$;
-- The constraint exists now: this block does nothing.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'downloads_version_check') THEN
    ALTER TABLE downloads ADD CONSTRAINT downloads_version_check CHECK (version_id > 1);
  END IF;
END $$;
