-- Does not restore: processed comes back at the end.
ALTER TABLE downloads DROP COLUMN counted;
ALTER TABLE downloads ADD COLUMN processed boolean DEFAULT false;
