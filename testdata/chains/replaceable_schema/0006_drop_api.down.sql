CREATE SCHEMA api;
CREATE SEQUENCE api.todo_ids;
ALTER TABLE todos ALTER COLUMN id SET DEFAULT nextval('api.todo_ids');
