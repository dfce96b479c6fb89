CREATE TABLE events (payload json, meta jsonb);
-- expect: prefer-jsonb "events.payload is json: stored as text"
ALTER TABLE events ADD COLUMN extra JSON;
-- expect: prefer-jsonb "events.extra is JSON"
