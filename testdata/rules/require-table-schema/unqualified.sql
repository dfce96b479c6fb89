CREATE TABLE users (id bigint);
-- expect: require-table-schema "table users is not schema-qualified"
ALTER TABLE users ADD COLUMN a bigint;
-- expect: require-table-schema "table users"
DROP TABLE old_users;
-- expect: require-table-schema "table old_users"
ALTER TABLE public.users RENAME TO people;
ALTER TABLE people RENAME COLUMN a TO b;
-- expect: require-table-schema "table people"
ALTER TABLE people RENAME CONSTRAINT people_a_check TO people_b_check;
-- expect: require-table-schema "table people"
