CREATE TABLE users (a timestamp, b timestamp without time zone, c timestamp(3), d timestamptz, e timestamp with time zone);
-- expect: prefer-timestamptz "users.a is timestamp (timestamp without time zone)"
-- expect: prefer-timestamptz "users.b is timestamp without time zone"
-- expect: prefer-timestamptz "users.c is timestamp(3)"
ALTER TABLE users ADD COLUMN last_seen TIMESTAMP NOT NULL DEFAULT now();
-- expect: prefer-timestamptz "users.last_seen is TIMESTAMP (timestamp"
