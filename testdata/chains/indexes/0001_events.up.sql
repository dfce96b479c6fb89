CREATE EXTENSION pg_trgm;
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  title text,
  happened date,
  at timestamptz,
  body jsonb,
  score int
);
CREATE INDEX events_lower_title ON events (lower(title));
CREATE INDEX events_title_trgm ON events USING gin (title gin_trgm_ops);
CREATE INDEX events_at_desc ON events (at DESC NULLS LAST, kind ASC NULLS FIRST);
CREATE UNIQUE INDEX events_kind_title ON events (kind, title) INCLUDE (score) WHERE score IS NOT NULL;
CREATE INDEX events_body ON events USING gin (body jsonb_path_ops);
CREATE INDEX events_kind_hash ON events USING hash (kind);
CREATE INDEX events_title_pattern ON events (title text_pattern_ops);
CREATE INDEX events_happened_brin ON events USING brin (happened);
CREATE INDEX ON events ((score + 1), kind);
CREATE INDEX events_day ON events (date(happened));
CREATE INDEX events_title_c ON events (title COLLATE "C");
