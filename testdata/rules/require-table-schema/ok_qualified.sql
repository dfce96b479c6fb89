CREATE TABLE public.users (id bigint);
CREATE TEMP TABLE scratch (id bigint);
ALTER TABLE public.users ADD COLUMN a bigint;
DROP TABLE IF EXISTS public.old_users;
CREATE INDEX ON public.users (a);
SELECT 'CREATE TABLE users (id bigint)';
