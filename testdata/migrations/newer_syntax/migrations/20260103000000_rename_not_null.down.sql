ALTER TABLE users RENAME CONSTRAINT users_email_required TO users_email_not_null;
