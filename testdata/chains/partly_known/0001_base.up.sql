CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE SCHEMA elsewhere;
CREATE TABLE src (id int PRIMARY KEY, name text, email text);
CREATE INDEX src_lower_email ON src (lower(email));
CREATE TABLE people (
  id int PRIMARY KEY,
  feeling mood DEFAULT 'ok' CHECK (feeling <> 'sad'),
  note text,
  age int
);
CREATE INDEX people_feeling ON people (feeling);
