-- fixture: pg_version=18 grammar=18
-- PostgreSQL 18: a NOT NULL constraint added without NOT VALID scans like SET NOT NULL.
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;
-- expect: adding-not-nullable-field "NOT NULL constraint on users.email checks every row; the statement takes an ACCESS EXCLUSIVE lock on users"
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
-- expect: adding-not-nullable-field "SET NOT NULL on users.name checks every row"
