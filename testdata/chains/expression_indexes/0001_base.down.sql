DROP TABLE t;
DROP FUNCTION f(integer, integer);
