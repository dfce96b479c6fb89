CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  small smallint NOT NULL DEFAULT 0,
  n integer,
  code character varying(20) NOT NULL,
  label character(3),
  note text,
  price numeric(10, 2),
  ratio real,
  score double precision,
  born date,
  seen timestamp(3) without time zone,
  created_at timestamptz NOT NULL DEFAULT now(),
  span interval,
  flags boolean[],
  doc jsonb,
  feeling mood,
  uid uuid
);
CREATE VIEW account_codes AS SELECT id, code FROM accounts;
