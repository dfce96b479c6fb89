-- fixture: role=up
-- Plain DDL the model follows: nothing to say.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
CREATE INDEX events_kind_idx ON events (kind);
ALTER TABLE events ADD COLUMN at timestamptz;
