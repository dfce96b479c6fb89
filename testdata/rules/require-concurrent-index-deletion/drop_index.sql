DROP INDEX users_email_idx;
-- expect: require-concurrent-index-deletion "dropping index users_email_idx without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table (blocks reads and writes)"
DROP INDEX IF EXISTS public.a_idx, b_idx CASCADE;
-- expect: require-concurrent-index-deletion "public.a_idx, b_idx"
