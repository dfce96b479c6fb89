CREATE TABLE pins (id bigint PRIMARY KEY);
CREATE INDEX pins_id_idx ON pins (id);
