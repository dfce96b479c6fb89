DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id FROM users LOOP
    UPDATE users SET name = lower(name) WHERE id = r.id AND name <> lower(name);
  END LOOP;
END
$$;
