-- needs 18
ALTER TABLE users ADD CONSTRAINT users_name_not_null NOT NULL name NOT VALID;
