CREATE TABLE a (id int PRIMARY KEY, v text);
CREATE VIEW av AS SELECT id, v FROM a;
CREATE TABLE b (id int, a_id int REFERENCES a (id));
