DROP INDEX idx_ws_name;
