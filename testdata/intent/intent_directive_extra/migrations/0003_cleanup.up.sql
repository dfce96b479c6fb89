-- miglint:intent drop table pins
DROP TABLE pins;
DROP INDEX idx_ws_digest;
ALTER TABLE ws DROP COLUMN name;
