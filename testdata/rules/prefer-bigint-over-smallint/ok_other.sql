CREATE TABLE plans (seats int, y bigint);
SELECT 1::smallint; -- casts are not columns
