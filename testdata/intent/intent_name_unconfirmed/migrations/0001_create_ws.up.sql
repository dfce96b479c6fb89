CREATE TABLE ws (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    digest text
);
CREATE INDEX idx_ws_digest ON ws (digest);
