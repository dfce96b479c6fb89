-- Emptying the table its own up filled is the inverse.
DELETE FROM roles;
UPDATE users SET role = NULL;
-- expect: backfill-in-migration "UPDATE without WHERE writes every row of users"
