CREATE TABLE accounts (id char(36)) ENGINE=InnoDB;
