-- fixture: pg_version=13
-- DETACH ... CONCURRENTLY does not exist before PostgreSQL 14.
ALTER TABLE measurements DETACH PARTITION measurements_2023;
