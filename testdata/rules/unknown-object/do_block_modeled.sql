-- fixture: role=up
-- The model runs what a DO block runs for certain: its SQL, EXECUTE of a
-- constant string, IF on what the catalog holds, the branch a migration that
-- applies took (the other can only RAISE), and EXCEPTION WHEN
-- duplicate_object around a statement that fails that way. What it makes is
-- then known, and what it does not make is still unknown.
CREATE TABLE version_downloads (id serial, version_id int, date date);
DO $$
DECLARE
  tmp_index_exists boolean;
BEGIN
  tmp_index_exists := (SELECT EXISTS (SELECT * FROM pg_index INNER JOIN pg_class
                       ON pg_class.oid = pg_index.indexrelid WHERE relname = 'version_downloads_tmp'));
  IF NOT tmp_index_exists THEN
    IF (SELECT count(*) FROM version_downloads) > 1000 THEN
      RAISE EXCEPTION 'create the index concurrently first';
    ELSE
      CREATE UNIQUE INDEX version_downloads_tmp ON version_downloads (id);
    END IF;
  END IF;
END $$;
ALTER TABLE version_downloads ADD CONSTRAINT version_downloads_pkey PRIMARY KEY USING INDEX version_downloads_tmp;
ALTER TABLE version_downloads ADD CONSTRAINT version_downloads_key UNIQUE USING INDEX version_downloads_other;
-- expect: unknown-object "version_downloads_other"
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_name = 'version_downloads' AND column_name = 'downloads') THEN
    EXECUTE 'ALTER TABLE version_downloads ADD COLUMN downloads int';
  END IF;
END $$;
CREATE INDEX version_downloads_downloads ON version_downloads (downloads);
CREATE INDEX version_downloads_counted ON version_downloads (counted);
-- expect: unknown-object "counted"
DO $$ BEGIN
  CREATE TYPE mood AS ENUM ('sad', 'happy');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
  CREATE TYPE mood AS ENUM ('sad', 'happy');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
-- A statement of a block that PostgreSQL refuses fails the whole block.
DO $$
BEGIN
  ALTER TABLE version_downloads ADD COLUMN kept int;
  ALTER TABLE version_downloads DROP COLUMN nonexistent;
END $$;
-- expect: unknown-object "nonexistent"
ALTER TABLE version_downloads DROP COLUMN kept;
-- expect: unknown-object "kept"
