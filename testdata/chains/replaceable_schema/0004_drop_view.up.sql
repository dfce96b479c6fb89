DROP VIEW api.todos;
