ALTER TABLE events ALTER COLUMN id TYPE bigint;
-- expect: changing-column-type "changing events.id to bigint rewrites the table unless"
ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
-- expect: changing-column-type "with USING converts every row; the statement takes an ACCESS EXCLUSIVE lock on events (blocks reads and writes) and rewrites"
