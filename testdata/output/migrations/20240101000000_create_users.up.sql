-- Users, with a note column for the café 🚀 team.
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, CONSTRAINT name_len CHECK (length(name) < 100));
ALTER TABLE users ADD COLUMN note text DEFAULT '🚀'; CREATE INDEX users_note ON users (note);
