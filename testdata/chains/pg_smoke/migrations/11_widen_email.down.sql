-- restores a different length than 1_create_users declared
ALTER TABLE users ALTER COLUMN email TYPE varchar(100);
