-- Recreates the table and one view: the CASCADE removed two more.
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT t.a, t.b FROM t;
