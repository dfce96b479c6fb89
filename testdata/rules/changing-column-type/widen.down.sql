-- The down narrows what its up widened: a rewrite, known from the up.
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
-- expect: changing-column-type "from varchar(200) to varchar(100) is not binary-compatible"
