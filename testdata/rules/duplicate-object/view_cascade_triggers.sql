-- fixture: role=up
-- Dropping a view (directly, or with the table it reads through CASCADE)
-- drops its triggers.
CREATE TABLE notes (id int PRIMARY KEY, body text);
CREATE VIEW notes_v AS SELECT id, body FROM notes;
CREATE FUNCTION notes_v_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER notes_v_write INSTEAD OF INSERT OR UPDATE ON notes_v FOR EACH ROW EXECUTE FUNCTION notes_v_write();
DROP TABLE notes CASCADE;
CREATE TABLE notes (id int PRIMARY KEY, body text);
CREATE VIEW notes_v AS SELECT id, body FROM notes;
CREATE TRIGGER notes_v_write INSTEAD OF INSERT OR UPDATE ON notes_v FOR EACH ROW EXECUTE FUNCTION notes_v_write();
