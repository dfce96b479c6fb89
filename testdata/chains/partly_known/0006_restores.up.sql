ALTER TABLE people ADD COLUMN extra2 int;
ALTER TABLE copy ADD COLUMN extra2 int;
