-- Does not restore: the type stays.
ALTER TABLE downloads DROP COLUMN state;
