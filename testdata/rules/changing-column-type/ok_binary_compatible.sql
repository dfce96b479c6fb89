-- Binary-compatible changes do not rewrite.
ALTER TABLE users ADD COLUMN name varchar(100), ADD COLUMN price numeric(10,2), ADD COLUMN bio text;
ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
ALTER TABLE users ALTER COLUMN name TYPE text;
ALTER TABLE users ALTER COLUMN price TYPE numeric(14,2);
ALTER TABLE users ALTER COLUMN price TYPE numeric;
ALTER TABLE users ALTER COLUMN bio TYPE varchar;
-- A table created in the same migration.
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a TYPE bigint;
