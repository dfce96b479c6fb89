-- fixture: pg_version=15
-- PostgreSQL 15 syntax of the same features is never reported.
SELECT count(*) FROM (SELECT id FROM users) AS s;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
CREATE TABLE accounts (id int NOT NULL);
CREATE TABLE boxes (w int, h int, area int GENERATED ALWAYS AS (w * h) STORED);
MERGE INTO users u USING staged s ON u.id = s.id WHEN MATCHED THEN DELETE;
COPY users FROM '/tmp/users.csv' (FORMAT csv, HEADER true);
SELECT json_build_object('a', 1);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
