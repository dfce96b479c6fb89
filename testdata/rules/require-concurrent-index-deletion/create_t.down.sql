-- The down drops the index its up built on the table it created: silent.
DROP INDEX t_a_idx;
-- An index on an existing table still locks it.
DROP INDEX users_a_idx;
-- expect: require-concurrent-index-deletion "users_a_idx"
DROP TABLE t;
