-- fixture: role=down
ALTER TABLE events ALTER COLUMN payload TYPE json;
