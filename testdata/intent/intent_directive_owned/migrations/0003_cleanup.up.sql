-- miglint:intent drop table pins
ALTER TABLE pins DROP CONSTRAINT pins_digest_check;
DROP INDEX idx_pins_ws_id;
DROP TABLE pins;
