CREATE INDEX users_email_idx ON users (email);
-- expect: require-concurrent-index-creation "creating index users_email_idx on users without CONCURRENTLY takes a SHARE lock on users (blocks writes; reads go on) and builds an index"
create unique index on public.users (handle);
-- expect: require-concurrent-index-creation "on public.users"
CREATE INDEX IF NOT EXISTS users_name_idx ON users USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
-- expect: require-concurrent-index-creation "users_name_idx"
