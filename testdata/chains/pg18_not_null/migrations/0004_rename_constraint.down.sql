ALTER TABLE account RENAME CONSTRAINT account_email_required TO account_email_not_null;
