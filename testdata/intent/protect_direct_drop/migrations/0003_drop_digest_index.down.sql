CREATE INDEX idx_ws_digest ON ws (digest);
