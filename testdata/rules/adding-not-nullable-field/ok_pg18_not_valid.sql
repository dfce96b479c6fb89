-- fixture: pg_version=18 grammar=18
-- PostgreSQL 18: NOT VALID skips the scan, VALIDATE CONSTRAINT scans under
-- SHARE UPDATE EXCLUSIVE, and SET NOT NULL then has nothing left to check.
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
