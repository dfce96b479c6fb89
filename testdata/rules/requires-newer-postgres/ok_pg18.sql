-- fixture: pg_version=18 grammar=18
-- Everything is PostgreSQL 18 syntax, and the target is 18: nothing to report.
SELECT count(*) FROM (SELECT id FROM users);
ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email;
CREATE TABLE boxes (w int, h int, area int GENERATED ALWAYS AS (w * h) VIRTUAL);
MERGE INTO users u USING staged s ON u.id = s.id WHEN MATCHED THEN DELETE RETURNING u.id;
COPY users FROM '/tmp/users.csv' (FORMAT csv, ON_ERROR ignore);
