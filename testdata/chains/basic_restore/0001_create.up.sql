CREATE TABLE users (
  id serial PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX ON users (lower(email));
