-- Renaming back what the up renamed is the inverse.
ALTER TABLE users RENAME COLUMN full_name TO name;
ALTER TABLE users RENAME COLUMN email TO mail;
-- expect: renaming-column "users.email to mail"
