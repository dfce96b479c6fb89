-- PostgreSQL refuses this if the view reads the column (it does not): only
-- the column is unsure, the rest of the table is compared.
ALTER TABLE acct ALTER COLUMN code TYPE varchar(20);
ALTER TABLE acct ADD COLUMN extra int;
