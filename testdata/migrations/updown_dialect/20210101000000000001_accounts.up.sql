CREATE TABLE accounts (id char(36));
