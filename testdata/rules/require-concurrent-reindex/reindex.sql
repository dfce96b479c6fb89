REINDEX INDEX users_email_idx;
-- expect: require-concurrent-reindex "REINDEX index users_email_idx without CONCURRENTLY takes a SHARE lock on each table (blocks writes; reads go on)"
REINDEX TABLE users;
-- expect: require-concurrent-reindex "table users"
REINDEX (VERBOSE) TABLE users;
-- expect: require-concurrent-reindex "table users"
