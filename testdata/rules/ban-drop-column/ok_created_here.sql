-- A table created earlier in the same file holds no data yet.
CREATE TABLE scratch (id bigint, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;
ALTER TABLE users DROP CONSTRAINT users_a_check;
SELECT 'ALTER TABLE users DROP COLUMN a';
-- ALTER TABLE users DROP COLUMN a;
