CREATE TABLE pins (
    id bigint PRIMARY KEY,
    ws_id bigint NOT NULL REFERENCES ws (id),
    digest text NOT NULL CHECK (digest <> ''),
    n serial
);
CREATE INDEX idx_pins_ws_id ON pins (ws_id);
