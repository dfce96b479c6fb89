ALTER TRIGGER todos_write ON api.todos RENAME TO todos_insert;
