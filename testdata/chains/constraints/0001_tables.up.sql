CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE account (
  id int,
  email text,
  tenant int NOT NULL,
  CONSTRAINT account_pk PRIMARY KEY (id),
  UNIQUE (tenant, email) DEFERRABLE INITIALLY DEFERRED,
  CHECK (id > 0) NO INHERIT
);
CREATE TABLE booking (
  id serial PRIMARY KEY,
  account_id int REFERENCES account ON DELETE CASCADE ON UPDATE SET NULL,
  room int,
  during tsrange,
  owner_id int,
  CONSTRAINT booking_overlap EXCLUDE USING gist (room WITH =, during WITH &&),
  CONSTRAINT booking_owner_fk FOREIGN KEY (owner_id) REFERENCES account (id) MATCH FULL ON DELETE SET DEFAULT DEFERRABLE
);
