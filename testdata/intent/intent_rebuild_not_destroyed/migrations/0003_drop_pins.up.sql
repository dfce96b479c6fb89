DROP INDEX idx_ws_digest;
CREATE INDEX idx_ws_digest ON ws (digest, name);
DROP TABLE pins;
