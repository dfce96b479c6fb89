ALTER TABLE users RENAME COLUMN name TO full_name;
-- expect: renaming-column "renaming column users.name to full_name"
ALTER TABLE users RENAME email TO mail;
-- expect: renaming-column "users.email to mail"
