ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
-- expect: changing-column-type "unless the old type converts without one"
