CREATE TABLE doc (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title varchar(200) NOT NULL DEFAULT 'untitled',
  code char(3),
  price numeric(10, 2) DEFAULT 0.00,
  ratio double precision,
  tags text[] DEFAULT '{}',
  grid integer[][],
  stamp timestamp(3) with time zone DEFAULT CURRENT_TIMESTAMP,
  span interval,
  flags bit varying(8),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  uid uuid,
  name text COLLATE "C",
  small smallint DEFAULT -1,
  active boolean DEFAULT true,
  born date DEFAULT CURRENT_DATE,
  title_len integer GENERATED ALWAYS AS (length(title)) STORED
);
