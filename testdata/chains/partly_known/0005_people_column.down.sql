-- Back at the end: the column order differs, though the column of the moved
-- type is not compared.
ALTER TABLE people ADD COLUMN note text;
