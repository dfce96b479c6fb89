DROP TABLE accounts_into;
DROP TABLE accounts_named;
DROP TABLE accounts_copy;
