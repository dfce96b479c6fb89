ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
-- expect: backfill-in-migration "UPDATE without WHERE writes every row of users"
DELETE FROM public.sessions;
-- expect: backfill-in-migration "DELETE without WHERE writes every row of public.sessions"
