-- same: the literal's cast
ALTER TABLE t ALTER COLUMN c SET DEFAULT 'x'::text;
