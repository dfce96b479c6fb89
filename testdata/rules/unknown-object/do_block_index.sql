-- fixture: role=up select=unmodeled-statement
-- An index made inside a DO block on a condition the model cannot decide
-- (it reads rows, and neither branch can only fail) may exist: adopting it
-- as a constraint is not judged.
CREATE TABLE version_downloads (id serial, version_id int, date date);
DO $$
BEGIN
  IF (SELECT count(*) FROM version_downloads) < 1000 THEN
    CREATE UNIQUE INDEX version_downloads_tmp ON version_downloads (id);
  ELSE
    RAISE NOTICE 'create version_downloads_tmp by hand';
  END IF;
END $$;
-- expect: unmodeled-statement "DO block"
ALTER TABLE version_downloads ADD CONSTRAINT version_downloads_pkey PRIMARY KEY USING INDEX version_downloads_tmp;
-- expect: unmodeled-statement "version_downloads_tmp"
ALTER TABLE version_downloads DROP CONSTRAINT version_downloads_pkey;

-- An index no statement ever named is still unknown.
CREATE TABLE crates (id int);
ALTER TABLE crates ADD CONSTRAINT crates_pkey PRIMARY KEY USING INDEX crates_id_idx;
-- expect: unknown-object "crates_id_idx"
