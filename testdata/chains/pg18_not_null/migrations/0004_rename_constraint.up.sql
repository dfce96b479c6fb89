ALTER TABLE account RENAME CONSTRAINT account_email_not_null TO account_email_required;
