DROP TABLE accounts_into;
