-- WHERE-scoped writes, and a table created in this file (still empty).
UPDATE users SET plan = 'free' WHERE plan IS NULL AND id < 1000;
DELETE FROM sessions WHERE expires_at < now();
CREATE TABLE scratch (id bigint, v text);
INSERT INTO scratch VALUES (1, 'a');
UPDATE scratch SET v = 'b';
WITH moved AS (DELETE FROM queue WHERE done RETURNING id) SELECT count(*) FROM moved;
SELECT 'UPDATE users SET plan = 1';
