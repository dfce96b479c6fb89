DO $$
BEGIN
  UPDATE users SET name = lower(name) WHERE name <> lower(name);
END
$$;
