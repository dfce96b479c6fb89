-- needs 18
ALTER TABLE users RENAME CONSTRAINT users_email_not_null TO users_email_required;
