-- The owned sequence moves with its table (the default prints its new
-- schema) and the trigger's function is renamed (the trigger prints the new
-- name): only those are left out.
ALTER TABLE tick SET SCHEMA elsewhere;
ALTER FUNCTION tick_touch() RENAME TO tick_touched;
ALTER TABLE elsewhere.tick DROP COLUMN note;
