DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_name = 'downloads' AND column_name = 'counted') THEN
    EXECUTE 'ALTER TABLE downloads ADD COLUMN counted integer NOT NULL DEFAULT 0';
  END IF;
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_name = 'downloads' AND column_name = 'processed') THEN
    ALTER TABLE downloads DROP COLUMN processed;
  END IF;
END $$;
