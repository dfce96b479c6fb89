DROP VIEW account_codes;
DROP TABLE accounts;
DROP TYPE mood;
