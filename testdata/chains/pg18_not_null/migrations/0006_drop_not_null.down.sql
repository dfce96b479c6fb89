-- Restores NOT NULL, but under the implicit name account_name_not_null.
ALTER TABLE account ALTER COLUMN name SET NOT NULL;
