CREATE TYPE address AS (street text, city varchar(80), zip char(5), country text);
CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0);
ALTER TABLE contact ADD COLUMN qty positive_int, ADD COLUMN home address;
