SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN nickname text;
DROP INDEX users_a_idx;
