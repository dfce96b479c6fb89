CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE person (name text, m mood);
