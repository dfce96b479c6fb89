-- miglint:intent drop table pins
-- DROP INDEX idx_ws_digest;   (not here: idx_ws_digest is a care zone)
/* ALTER TABLE ws DROP COLUMN digest; */
COMMENT ON TABLE ws IS 'DROP INDEX idx_ws_digest; DROP TABLE ws CASCADE';
DROP TABLE pins;
