-- The literal default keeps the type it was cooked with; a NULL default set
-- later on a column with a length is stored.
ALTER TABLE account ALTER COLUMN since TYPE timestamptz;
ALTER TABLE account ALTER COLUMN code SET DEFAULT NULL;
ALTER TABLE account ALTER COLUMN note SET DEFAULT NULL::text;
