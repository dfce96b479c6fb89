-- The NOT NULL constraints keep their names (account_id_not_null, ...).
ALTER TABLE account RENAME TO member;
ALTER TABLE member RENAME COLUMN nick TO handle;
