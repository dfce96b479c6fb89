DROP TRIGGER audit_row ON audit_log;
DROP FUNCTION add(bigint, bigint);
CREATE OR REPLACE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
