UPDATE users SET status = 'active', name = 'x', status = 'new';
-- expect: ban-duplicate-column-assignments "column status is assigned more than once in this UPDATE"
UPDATE users SET (a, b) = (1, 2), a = 3 WHERE id = 1;
-- expect: ban-duplicate-column-assignments "column a is assigned more than once"
INSERT INTO users (id, name, id) VALUES (1, 'a', 2);
-- expect: ban-duplicate-column-assignments "column id is listed more than once in this INSERT"
