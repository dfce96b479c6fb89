-- What `miglint schema` must write back: each object here, loaded from the
-- script, dumps as it does after this chain (tests/schema_loads_test.sh).
CREATE TABLE account (
  id int PRIMARY KEY,
  code varchar(20),
  ip varchar(39) DEFAULT NULL,
  tag char(4) DEFAULT NULL,
  amount numeric(10,2) DEFAULT NULL,
  at timestamp(3) DEFAULT NULL,
  note text DEFAULT NULL,
  n int DEFAULT NULL::integer,
  since timestamp NOT NULL DEFAULT '1970-01-01'
);
ALTER TABLE account ADD UNIQUE (code);
ALTER TABLE account ADD UNIQUE (code);
ALTER TABLE account ADD CONSTRAINT code_upper CHECK (code = upper(code)) NOT VALID;
CREATE INDEX account_code_idx ON account (code);
COMMENT ON INDEX account_code_idx IS 'by code';
COMMENT ON CONSTRAINT code_upper ON account IS 'upper case';
CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT i + 1
$$;
COMMENT ON FUNCTION add_one(integer) IS 'adds one';
CREATE FUNCTION dollars() RETURNS text LANGUAGE sql STABLE AS $body$ SELECT '$$'::text $body$;
CREATE FUNCTION audit_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER COST 50 AS $$
BEGIN
  RETURN NULL;
END
$$;
CREATE TRIGGER account_audit AFTER UPDATE ON account REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rows();
COMMENT ON TRIGGER account_audit ON account IS 'audits';
CREATE VIEW account_codes AS SELECT id, code FROM account;
COMMENT ON VIEW account_codes IS 'codes';
CREATE MATERIALIZED VIEW account_totals AS SELECT count(*) AS n FROM account;
COMMENT ON MATERIALIZED VIEW account_totals IS 'totals';
CREATE SEQUENCE counter;
COMMENT ON SEQUENCE counter IS 'counts';
CREATE TYPE mood AS ENUM ('ok', 'sad');
COMMENT ON TYPE mood IS 'moods';
