SELECT pg_catalog.set_config('search_path', 'app', false);
-- resolves in app only: public.other stays
DROP TABLE IF EXISTS other;
