CREATE VIEW api.todos AS SELECT id, task, done FROM todos;
CREATE TRIGGER todos_write INSTEAD OF INSERT ON api.todos FOR EACH ROW EXECUTE FUNCTION api.todos_insert();
