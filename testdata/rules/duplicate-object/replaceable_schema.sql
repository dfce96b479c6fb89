-- fixture: role=up
-- A schema of views, functions and INSTEAD OF triggers, dropped with
-- CASCADE and made again: everything in it went with it, triggers on its
-- views included.
CREATE TABLE todos (id int PRIMARY KEY, task text);
CREATE SCHEMA api;
CREATE VIEW api.todos AS SELECT id, task FROM todos;
CREATE FUNCTION api.todos_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER todos_insert INSTEAD OF INSERT ON api.todos FOR EACH ROW EXECUTE FUNCTION api.todos_insert();
CREATE SEQUENCE api.request_ids;
CREATE TYPE api.status AS ENUM ('open', 'done');

DROP SCHEMA api CASCADE;
CREATE SCHEMA api;
CREATE VIEW api.todos AS SELECT id, task FROM todos;
CREATE FUNCTION api.todos_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER todos_insert INSTEAD OF INSERT ON api.todos FOR EACH ROW EXECUTE FUNCTION api.todos_insert();
CREATE SEQUENCE api.request_ids;
CREATE TYPE api.status AS ENUM ('open', 'done');

-- A trigger that really exists still clashes.
CREATE TRIGGER todos_insert INSTEAD OF INSERT ON api.todos FOR EACH ROW EXECUTE FUNCTION api.todos_insert();
-- expect: duplicate-object "todos_insert"

-- An extension installed into a schema goes with it.
CREATE SCHEMA extensions;
CREATE EXTENSION pgcrypto WITH SCHEMA extensions;
DROP SCHEMA extensions CASCADE;
CREATE SCHEMA extensions;
CREATE EXTENSION pgcrypto WITH SCHEMA extensions;
