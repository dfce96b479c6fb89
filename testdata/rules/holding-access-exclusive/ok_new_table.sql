-- fixture: in_transaction=true
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN b int;
INSERT INTO t VALUES (1, 2);
