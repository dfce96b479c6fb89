CREATE TABLE events (id serial PRIMARY KEY, account_id int NOT NULL, n integer, m int4, big bigint, tags int[]);
-- expect: prefer-bigint-over-int "column events.id is serial"
-- expect: prefer-bigint-over-int "column events.account_id is int (32-bit"
-- expect: prefer-bigint-over-int "events.n is integer"
-- expect: prefer-bigint-over-int "events.m is int4"
-- expect: prefer-bigint-over-int "events.tags"
ALTER TABLE events ADD COLUMN c int;
-- expect: prefer-bigint-over-int "events.c is int"
ALTER TABLE events ALTER COLUMN big TYPE integer;
-- expect: prefer-bigint-over-int "events.big is integer"
