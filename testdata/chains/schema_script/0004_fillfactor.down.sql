-- Forgets to reset the fillfactor: the index differs from before.
SELECT 1;
