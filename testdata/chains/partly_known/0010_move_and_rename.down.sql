-- The column comes back at the end: the table differs.
ALTER TABLE elsewhere.tick ADD COLUMN note text;
ALTER FUNCTION tick_touched() RENAME TO tick_touch;
ALTER TABLE elsewhere.tick SET SCHEMA public;
