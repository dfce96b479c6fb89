ALTER TABLE accounts ADD COLUMN email text;
ALTER TABLE accounts ADD COLUMN note text;
