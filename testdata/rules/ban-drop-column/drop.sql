ALTER TABLE workspaces DROP COLUMN runtime_image_digest;
-- expect: ban-drop-column "dropping column workspaces.runtime_image_digest deletes its data"
ALTER TABLE IF EXISTS public.users DROP COLUMN IF EXISTS a, DROP COLUMN b CASCADE;
-- expect: ban-drop-column "users.a"
-- expect: ban-drop-column "users.b"
