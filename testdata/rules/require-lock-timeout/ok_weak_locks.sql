-- SHARE UPDATE EXCLUSIVE does not block reads or writes; new tables carry no risk.
CREATE INDEX CONCURRENTLY users_a_idx ON users (a);
ALTER TABLE users VALIDATE CONSTRAINT users_a_check;
ALTER TABLE users ALTER COLUMN a SET STATISTICS 500;
CREATE TABLE t (a int);
CREATE INDEX t_a_idx ON t (a);
INSERT INTO users (a) VALUES (1);
