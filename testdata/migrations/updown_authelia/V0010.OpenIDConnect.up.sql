CREATE TABLE o (id int);
