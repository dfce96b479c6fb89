-- fixture: role=up
-- The model says where its knowledge stops, and once per object what it
-- therefore does not check.
CREATE TABLE events (id bigint, kind text);
DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN at timestamptz', 'events'); END $$;
-- expect: unmodeled-statement "DO block"
CREATE INDEX events_at_idx ON events (at);
-- expect: unmodeled-statement "not checked: the model does not know all that table public.events holds"
ALTER TABLE events ALTER COLUMN at SET NOT NULL;
ALTER TABLE events ADD CONSTRAINT events_at_check CHECK (at > '2020-01-01');
CREATE TABLE events_2024 AS SELECT * FROM events WHERE at >= '2024-01-01';
-- expect: unmodeled-statement "CREATE TABLE AS"
ALTER TABLE events_2024 ADD PRIMARY KEY (id);
-- expect: unmodeled-statement "table public.events_2024"
ALTER TABLE events_2024 ALTER COLUMN kind SET NOT NULL;
