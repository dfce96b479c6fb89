-- fixture: in_transaction=true
CREATE TABLE pins (id bigint);
DROP TABLE old_pins;
ALTER TABLE pins ADD COLUMN digest text;
