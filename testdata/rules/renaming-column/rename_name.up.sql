ALTER TABLE users RENAME COLUMN name TO full_name;
-- expect: renaming-column "users.name to full_name"
