DROP TABLE runtime_image_pins;
-- expect: ban-drop-table "dropping table runtime_image_pins deletes its data"

-- Several tables in one statement: one finding each.
DROP TABLE IF EXISTS public.a, b CASCADE;
-- expect: ban-drop-table "public.a"
-- expect: ban-drop-table "table b"

-- A comment mentioning DROP TABLE users is not a statement.
SELECT 'DROP TABLE users';
