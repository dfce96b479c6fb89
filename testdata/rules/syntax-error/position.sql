CREATE TABLE ok_table (id bigint);
SELECT 1 FROM ok_table WHERE id = = 2;
-- expect: syntax-error @2:35
CREATE TABLE café (prix numeric);
CREATE TABLE t (é text, x int,, y int);
-- expect: syntax-error @5:31
