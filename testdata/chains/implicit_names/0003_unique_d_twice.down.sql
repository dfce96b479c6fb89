-- leaves t_d_key behind
ALTER TABLE t DROP CONSTRAINT t_d_key1;
