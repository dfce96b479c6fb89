-- fixture: role=down
ALTER TABLE plans ADD COLUMN seats smallint;
