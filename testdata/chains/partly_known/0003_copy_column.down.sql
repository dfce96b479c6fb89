-- Back, but at the end of the table: the column order differs.
ALTER TABLE copy ADD COLUMN name text;
