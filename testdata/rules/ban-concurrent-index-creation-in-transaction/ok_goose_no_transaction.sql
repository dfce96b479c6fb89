-- +goose NO TRANSACTION
-- +goose Up
-- goose sends statements one at a time.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
DROP INDEX CONCURRENTLY users_old_idx;
-- Plain index builds are fine in a transaction; a comment saying CREATE INDEX CONCURRENTLY is no statement.
SELECT 'CREATE INDEX CONCURRENTLY x ON y (z)';
