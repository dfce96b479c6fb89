-- The view keeps reading the renamed column; the new column of the old name is free.
ALTER TABLE user_ RENAME COLUMN name TO display_name;
ALTER TABLE user_ ADD COLUMN name text;
ALTER TABLE user_ ALTER COLUMN name TYPE varchar(50);
