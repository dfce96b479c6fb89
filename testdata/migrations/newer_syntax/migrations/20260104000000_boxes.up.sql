CREATE TABLE boxes (
  w int,
  h int,
  -- needs 18
  area int GENERATED ALWAYS AS (w * h) VIRTUAL
);
-- needs 17
ALTER TABLE boxes ALTER COLUMN area SET EXPRESSION AS (w * h * 2);
