CREATE TABLE t (a int, b int);
CREATE TABLE u (id int, t_a int, name text);
CREATE VIEW v AS SELECT a, b FROM t;
CREATE VIEW vj AS SELECT a, name FROM t JOIN u ON u.t_a = a WHERE b > 0;
CREATE VIEW vs AS SELECT x.a AS a FROM (SELECT a FROM t) x;
CREATE VIEW w AS SELECT a FROM v;
CREATE VIEW vstar AS SELECT * FROM t;
CREATE VIEW vjstar AS SELECT u.*, t.* FROM t JOIN u ON u.t_a = t.a;
