-- Does not restore: the columns it drops came from SELECT *.
DROP TABLE accounts_copy;
CREATE TABLE accounts_copy AS SELECT id, code, price, note FROM accounts;
