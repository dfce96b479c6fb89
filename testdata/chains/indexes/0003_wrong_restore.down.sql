CREATE INDEX events_lower_title ON events (upper(title));
CREATE UNIQUE INDEX events_kind_title ON events (kind, title) INCLUDE (score);
