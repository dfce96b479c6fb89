DROP INDEX users_note;
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
DROP TABEL users;
