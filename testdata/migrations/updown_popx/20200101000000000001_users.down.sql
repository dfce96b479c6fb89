DROP INDEX users_name_idx;
DROP TABLE users;
