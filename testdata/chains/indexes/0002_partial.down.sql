ALTER INDEX events_at_sorted RENAME TO events_at_desc;
CREATE INDEX events_kind_hash ON events USING hash (kind);
DROP INDEX events_recent;
