CREATE TABLE tick (id serial PRIMARY KEY, note text, age int);
CREATE FUNCTION tick_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tick_touch BEFORE INSERT ON tick FOR EACH ROW EXECUTE FUNCTION tick_touch();
