DO $$ BEGIN
  ALTER TABLE downloads ADD CONSTRAINT downloads_version_check CHECK (version_id > 0);
EXCEPTION WHEN duplicate_object THEN null;
END $$;
