CREATE DOMAIN email AS text CHECK (VALUE ~ '@');
CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE TYPE address AS (street text, city varchar(80), zip char(5));
CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE contact (
  id int PRIMARY KEY,
  mail email,
  home address,
  qty positive_int,
  st status DEFAULT 'new',
  history status[]
);
