TRUNCATE accounts CASCADE;
-- expect: ban-truncate-cascade "TRUNCATE accounts CASCADE also empties every table"
TRUNCATE TABLE a, b CASCADE;
-- expect: ban-truncate-cascade "a, b"
