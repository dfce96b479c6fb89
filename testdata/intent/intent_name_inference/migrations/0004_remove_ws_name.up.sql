-- the column goes, and with it nothing else
ALTER TABLE ws DROP COLUMN name;
