ALTER FUNCTION tick_touch() RENAME TO tick_touched;
ALTER TABLE tick SET SCHEMA elsewhere;
