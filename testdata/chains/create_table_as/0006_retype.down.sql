-- Does not restore: price was numeric(10,2), the cast drops its precision.
CREATE TABLE accounts_into AS SELECT a.id, a.code, a.price::numeric AS price FROM accounts a;
