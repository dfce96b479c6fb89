-- fixture: role=up
-- SELECT … INTO makes a table whose columns the model does not know.
SELECT id, email INTO users_backup FROM users;
ALTER TABLE users_backup ADD CONSTRAINT users_backup_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX users_backup_email ON users_backup (email);
ALTER TABLE users_backup DROP COLUMN email;

-- A table nobody made is still unknown.
ALTER TABLE users_archive ADD PRIMARY KEY (id);
-- expect: unknown-object "users_archive"
