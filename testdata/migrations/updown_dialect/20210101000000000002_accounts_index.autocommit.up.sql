CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);
