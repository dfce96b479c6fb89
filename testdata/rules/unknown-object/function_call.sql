-- fixture: role=up
-- A function call may create objects: those its body names (when the model
-- holds the function), or any named after its arguments (when it does not).
CREATE FUNCTION make_audit_table() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE TABLE audit_log (id bigserial PRIMARY KEY, at timestamptz);
END $$;
SELECT make_audit_table();
CREATE INDEX ON audit_log (at);
ALTER TABLE audit_log ADD COLUMN actor text;

SELECT partman_create_parent('public.events', 'created_at', 'native', 'monthly');
ALTER TABLE events_p2024_01 ADD CONSTRAINT events_p2024_01_at CHECK (true);

-- A table neither of them names is still unknown.
CREATE INDEX ON audit_entries (at);
-- expect: unknown-object "audit_entries"
