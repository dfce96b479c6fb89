-- CASCADE takes the sequence in the schema, and the default of todos.id that uses it.
DROP SCHEMA api CASCADE;
