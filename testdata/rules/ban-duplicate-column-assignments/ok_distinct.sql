UPDATE users SET status = 'active', name = 'x';
UPDATE things SET c.x = 1, c.y = 2, arr[1] = 1, arr[2] = 2;
INSERT INTO users (id, name) VALUES (1, 'a');
SELECT 'UPDATE users SET a = 1, a = 2';
