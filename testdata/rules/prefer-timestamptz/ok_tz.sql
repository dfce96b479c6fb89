CREATE TABLE users (d timestamptz, e timestamp with time zone, f date);
SELECT now()::timestamp;
