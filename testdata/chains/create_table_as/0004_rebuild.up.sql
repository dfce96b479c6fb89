-- A rebuild through CREATE TABLE AS: the copy has no key, no default, no NOT NULL.
CREATE TABLE accounts_new AS SELECT id, code, price FROM accounts_copy;
DROP TABLE accounts_copy;
ALTER TABLE accounts_new RENAME TO accounts_copy;
