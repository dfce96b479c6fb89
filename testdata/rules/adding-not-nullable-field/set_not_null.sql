ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- expect: adding-not-nullable-field "SET NOT NULL on users.email checks every row; the statement takes an ACCESS EXCLUSIVE lock on users"
-- A NOT VALID check that was never validated proves nothing.
ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
-- expect: adding-not-nullable-field "users.name"
