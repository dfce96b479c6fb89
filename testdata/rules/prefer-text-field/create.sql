CREATE TABLE users (email varchar(255) NOT NULL, name character varying(100), bio varchar, t text);
-- expect: prefer-text-field "users.email is varchar(255): the length limit is part of the type"
-- expect: prefer-text-field "users.name is character varying(100)"
ALTER TABLE users ALTER COLUMN bio TYPE varchar(20);
-- expect: prefer-text-field "users.bio is varchar(20)"
