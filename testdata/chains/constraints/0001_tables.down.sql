DROP TABLE booking;
DROP TABLE account;
DROP EXTENSION btree_gist;
