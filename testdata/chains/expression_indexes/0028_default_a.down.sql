-- same: parentheses
ALTER TABLE t ALTER COLUMN a SET DEFAULT 1 + 1;
