-- The column's current type is known from earlier in the migration.
ALTER TABLE users ADD COLUMN name varchar(100), ADD COLUMN price numeric(10,2), ADD COLUMN code char(3);
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
-- expect: changing-column-type "from varchar(100) to varchar(50) is not binary-compatible"
ALTER TABLE users ALTER COLUMN price TYPE numeric(12,3);
-- expect: changing-column-type "from numeric(10,2) to numeric(12,3)"
ALTER TABLE users ALTER COLUMN code TYPE char(5);
-- expect: changing-column-type "code"
