CREATE TABLE t (a int);
CREATE INDEX t_a_idx ON t (a);
CREATE INDEX CONCURRENTLY users_a_idx ON users (a);
