ALTER TABLE account DROP CONSTRAINT account_name_required;
