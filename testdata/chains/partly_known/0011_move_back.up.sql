ALTER TABLE elsewhere.tick SET SCHEMA public;
ALTER FUNCTION tick_touched() RENAME TO tick_touch;
