-- Every column of a table, and a subset renamed by a column list.
CREATE TABLE accounts_copy AS SELECT * FROM accounts;
CREATE TABLE accounts_named (key, short_code) AS SELECT id, code FROM accounts WITH NO DATA;
SELECT a.id, a.code, a.price INTO accounts_into FROM accounts a WHERE a.n > 0;
