ALTER SCHEMA archive RENAME TO history;
SET search_path TO history, public;
CREATE TABLE notes (id int);
