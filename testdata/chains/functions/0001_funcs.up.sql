CREATE TABLE audit_log (id serial PRIMARY KEY, at timestamptz DEFAULT now(), note text);
CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (note) VALUES (TG_OP);
  RETURN NULL;
END
$$;
CREATE PROCEDURE purge(days int) LANGUAGE sql AS $$ DELETE FROM audit_log WHERE at < now() - make_interval(days => days) $$;
CREATE TRIGGER audit_after AFTER INSERT OR UPDATE OF note OR DELETE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION log_change();
