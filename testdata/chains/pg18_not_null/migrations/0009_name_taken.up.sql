-- The implicit name event_kind_not_null is taken in the schema: event_kind_not_null1.
CREATE TABLE audit (x int CONSTRAINT event_kind_not_null CHECK (x > 0));
CREATE TABLE event (kind text NOT NULL, at timestamptz);
ALTER TABLE event ALTER COLUMN at SET NOT NULL;
