ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE pins (id bigint, digest text);
