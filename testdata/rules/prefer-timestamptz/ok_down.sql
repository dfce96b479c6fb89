-- fixture: role=down
ALTER TABLE users ADD COLUMN created_at timestamp;
