-- same: the cast written out
ALTER TABLE t ALTER COLUMN b SET DEFAULT (0)::integer;
