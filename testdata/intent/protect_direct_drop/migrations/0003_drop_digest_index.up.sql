CREATE INDEX idx_ws_name ON ws (name);
DROP INDEX public.idx_ws_digest;
