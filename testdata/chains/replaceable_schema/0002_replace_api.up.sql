-- The api schema is replaced as a whole: views, functions and their triggers.
DROP SCHEMA api CASCADE;
CREATE SCHEMA api;
CREATE VIEW api.todos AS SELECT id, task, done FROM todos;
CREATE FUNCTION api.todos_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO todos (id, task, done) VALUES (NEW.id, NEW.task, coalesce(NEW.done, false));
  RETURN NEW;
END $$;
CREATE TRIGGER todos_insert INSTEAD OF INSERT ON api.todos FOR EACH ROW EXECUTE FUNCTION api.todos_insert();
COMMENT ON TRIGGER todos_insert ON api.todos IS 'writes through to todos';
