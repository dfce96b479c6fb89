DO $$ BEGIN
  EXECUTE 'ALTER TABLE downloads DROP CONSTRAINT downloads_version_check';
END $$;
