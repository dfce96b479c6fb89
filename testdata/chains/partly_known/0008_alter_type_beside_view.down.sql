-- Forgets the added column: the table differs.
ALTER TABLE acct ALTER COLUMN code TYPE varchar(10);
