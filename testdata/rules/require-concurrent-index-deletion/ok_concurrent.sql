DROP INDEX CONCURRENTLY users_email_idx;
DROP INDEX CONCURRENTLY IF EXISTS public.users_name_idx;
-- An index on a table created in this migration.
CREATE TABLE t (a int);
CREATE INDEX t_a_idx ON t (a);
DROP INDEX t_a_idx;
DROP TABLE IF EXISTS old_things;
