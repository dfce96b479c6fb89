ALTER TRIGGER todos_insert ON api.todos RENAME TO todos_write;
