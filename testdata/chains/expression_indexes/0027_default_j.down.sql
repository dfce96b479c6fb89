-- same: the literal's cast
ALTER TABLE t ALTER COLUMN j SET DEFAULT '{}'::jsonb;
