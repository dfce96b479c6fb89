CREATE INDEX CONCURRENTLY IF NOT EXISTS events_recent ON events (at) WHERE kind = 'x' AND score > 10;
DROP INDEX events_kind_hash;
ALTER INDEX events_at_desc RENAME TO events_at_sorted;
