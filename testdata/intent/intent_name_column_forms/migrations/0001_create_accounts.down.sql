DROP TABLE archive.accounts;
DROP SCHEMA archive;
DROP TABLE accounts;
