-- same: the literal's cast
ALTER TABLE t ALTER COLUMN d SET DEFAULT 'x'::character varying;
