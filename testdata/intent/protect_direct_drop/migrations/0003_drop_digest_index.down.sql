CREATE INDEX idx_ws_digest ON ws (digest);
DROP INDEX idx_ws_name;
