-- needs 18
ALTER TABLE users DROP CONSTRAINT users_name_not_null;
