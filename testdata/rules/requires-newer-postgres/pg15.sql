-- fixture: pg_version=15 grammar=18
-- Each use of syntax newer than PostgreSQL 15 gets one finding naming the version.
SELECT count(*) FROM (SELECT id FROM users);
-- expect: requires-newer-postgres "a subquery in FROM without an alias needs PostgreSQL 16; pg_version is 15"
ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email;
-- expect: requires-newer-postgres "a NOT NULL table constraint (`NOT NULL column`, `ADD CONSTRAINT … NOT NULL column`) needs PostgreSQL 18"
CREATE TABLE accounts (id int, NOT NULL id);
-- expect: requires-newer-postgres "NOT NULL table constraint"
CREATE TABLE boxes (w int, h int, area int GENERATED ALWAYS AS (w * h) VIRTUAL);
-- expect: requires-newer-postgres "a virtual generated column"
CREATE TABLE boxes2 (w int, area int GENERATED ALWAYS AS (w * 2));
-- expect: requires-newer-postgres "a virtual generated column"
MERGE INTO users u USING staged s ON u.id = s.id
  WHEN MATCHED THEN UPDATE SET name = s.name
  RETURNING u.id;
-- expect: requires-newer-postgres "MERGE … RETURNING needs PostgreSQL 17"
CREATE VIEW tags AS
  SELECT jt.* FROM docs, JSON_TABLE(docs.body, '$.tags[*]' COLUMNS (tag text PATH '$')) AS jt;
-- expect: requires-newer-postgres "JSON_TABLE needs PostgreSQL 17"
COPY users FROM '/tmp/users.csv' (FORMAT csv, ON_ERROR ignore);
-- expect: requires-newer-postgres "COPY's ON_ERROR option needs PostgreSQL 17"
ALTER TABLE boxes ALTER COLUMN area SET EXPRESSION AS (w * h * 2);
-- expect: requires-newer-postgres "SET EXPRESSION needs PostgreSQL 17"
SELECT JSON_OBJECT('a': 1);
-- expect: requires-newer-postgres "needs PostgreSQL 16"
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT ENFORCED;
-- expect: requires-newer-postgres "a NOT ENFORCED constraint needs PostgreSQL 18"
-- The same syntax in a comment or a string is not a use: SELECT * FROM (SELECT 1);
SELECT 'SELECT * FROM (SELECT 1)';
