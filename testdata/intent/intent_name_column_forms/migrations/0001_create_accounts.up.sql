CREATE TABLE accounts (id bigint PRIMARY KEY, email text, legacy_flag int, note text, old_code text, status text);
CREATE SCHEMA archive;
CREATE TABLE archive.accounts (legacy_flag int);
