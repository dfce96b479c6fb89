CREATE TABLE pins (
  id bigint PRIMARY KEY,
  digest text NOT NULL,
  CONSTRAINT pins_digest_check CHECK (digest <> '')
);
