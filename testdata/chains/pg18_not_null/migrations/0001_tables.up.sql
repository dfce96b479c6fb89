CREATE TABLE account (
  id int PRIMARY KEY,
  email text NOT NULL,
  name text CONSTRAINT account_name_required NOT NULL,
  nick text,
  score int GENERATED ALWAYS AS (length(nick)) VIRTUAL,
  NOT NULL nick
);
