CREATE SCHEMA app;
SET search_path TO app;
CREATE TABLE thing (id int);
