-- fixture: role=up
-- Nothing here is reported: every reference is either to an object the
-- model holds or to one it cannot know about.
CREATE TABLE downloads (version_id int, day date, n int);
CREATE TABLE downloads_by_day AS SELECT day, sum(n) AS n FROM downloads GROUP BY day;
ALTER TABLE downloads_by_day ADD PRIMARY KEY (day);
CREATE UNIQUE INDEX downloads_by_day_n ON downloads_by_day (n);
DO $$ BEGIN EXECUTE 'CREATE INDEX downloads_version_idx ON downloads (version_id)'; END $$;
DROP INDEX downloads_version_idx;
ALTER TABLE downloads ADD CONSTRAINT downloads_pkey PRIMARY KEY (version_id, day);
ALTER TABLE downloads DROP CONSTRAINT downloads_pkey;
