-- fixture: pg_version=17 grammar=18
-- On PostgreSQL 17 only what 18 added is reported.
SELECT count(*) FROM (SELECT id FROM users);
MERGE INTO users u USING staged s ON u.id = s.id WHEN MATCHED THEN DELETE RETURNING u.id;
COPY users FROM '/tmp/users.csv' (FORMAT csv, ON_ERROR ignore);
CREATE TABLE boxes (w int, area int GENERATED ALWAYS AS (w * 2) VIRTUAL);
-- expect: requires-newer-postgres "needs PostgreSQL 18; pg_version is 17"
