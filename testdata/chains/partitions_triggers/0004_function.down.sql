-- replaces instead of dropping
CREATE OR REPLACE FUNCTION f2() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;
