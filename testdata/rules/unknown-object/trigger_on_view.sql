-- fixture: role=up
-- Triggers live on views too (INSTEAD OF): dropping, renaming and commenting
-- on them finds them.
CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE VIEW items_v AS SELECT id, name FROM items;
CREATE FUNCTION items_v_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER items_v_ins INSTEAD OF INSERT ON items_v FOR EACH ROW EXECUTE FUNCTION items_v_insert();
COMMENT ON TRIGGER items_v_ins ON items_v IS 'writes through';
ALTER TRIGGER items_v_ins ON items_v RENAME TO items_v_insert;
DROP TRIGGER items_v_insert ON items_v;
DROP TRIGGER items_v_insert ON items_v;
-- expect: unknown-object "items_v_insert"
