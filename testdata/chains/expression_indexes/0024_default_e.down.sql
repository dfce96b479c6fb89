-- differs: a function call is not the SQL value function
ALTER TABLE t ALTER COLUMN e SET DEFAULT CURRENT_TIMESTAMP;
