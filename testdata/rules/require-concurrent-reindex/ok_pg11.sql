-- fixture: pg_version=11
-- REINDEX CONCURRENTLY does not exist before PostgreSQL 12.
REINDEX INDEX users_email_idx;
