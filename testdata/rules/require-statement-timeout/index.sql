CREATE INDEX users_a_idx ON users (a);
-- expect: require-statement-timeout "SHARE lock on users (blocks writes; reads go on) and builds an index"
