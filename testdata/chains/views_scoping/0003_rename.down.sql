ALTER TABLE user_ DROP COLUMN name;
ALTER TABLE user_ RENAME COLUMN display_name TO name;
