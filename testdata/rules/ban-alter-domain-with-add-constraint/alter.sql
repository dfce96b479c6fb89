ALTER DOMAIN email ADD CONSTRAINT email_check CHECK (VALUE LIKE '%@%');
-- expect: ban-alter-domain-with-add-constraint "checks every column of every table that uses it, holding a SHARE lock on each table (blocks writes; reads go on)"
