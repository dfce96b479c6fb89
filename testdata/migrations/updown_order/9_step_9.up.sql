CREATE TABLE t9 (id int);
