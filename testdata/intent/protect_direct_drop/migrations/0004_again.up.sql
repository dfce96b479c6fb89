DROP INDEX public.idx_ws_digest;
