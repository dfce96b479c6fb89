CREATE INDEX idx_ws_name ON ws (name);
