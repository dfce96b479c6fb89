DROP TABLE accounts_named;
