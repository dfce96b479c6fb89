-- A view the model cannot resolve (the columns of a function in FROM are
-- not modeled): it may read any column of acct.
CREATE TABLE acct (id int, code varchar(10) CHECK (code <> ''), note text);
CREATE FUNCTION acct_extra() RETURNS TABLE (id int, z int)
  LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT 1, 2; END $$;
CREATE VIEW acct_view AS SELECT id FROM acct NATURAL JOIN acct_extra() e;
