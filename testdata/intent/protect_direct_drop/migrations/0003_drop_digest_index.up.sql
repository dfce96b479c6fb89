SELECT 1;
DROP INDEX idx_ws_digest;
