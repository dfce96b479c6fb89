-- A guard on the catalog, a branch that can only fail, and the statements
-- of the branch a migration that applies took.
DO $$
DECLARE
  tmp_index_exists boolean;
BEGIN
  tmp_index_exists := (SELECT EXISTS (
      SELECT * FROM pg_index
        INNER JOIN pg_class ON pg_class.oid = pg_index.indexrelid
        WHERE relname = 'downloads_tmp'
  ));
  IF NOT tmp_index_exists THEN
    IF (SELECT count(*) FROM downloads) > 1000 THEN
      RAISE EXCEPTION 'create the index concurrently first';
    ELSE
      ALTER TABLE downloads ADD COLUMN id SERIAL;
      CREATE UNIQUE INDEX downloads_tmp ON downloads (id);
    END IF;
  END IF;
END $$;

ALTER TABLE downloads
  DROP CONSTRAINT downloads_pkey,
  ADD CONSTRAINT downloads_pkey PRIMARY KEY USING INDEX downloads_tmp;
