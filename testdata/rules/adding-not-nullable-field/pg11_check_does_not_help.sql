-- fixture: pg_version=11
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- expect: adding-not-nullable-field "users.email"
