DROP TABLE pins;
DROP INDEX idx_ws_digest;
