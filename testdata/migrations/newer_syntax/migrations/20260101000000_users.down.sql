DROP TABLE staged;
DROP TABLE users;
