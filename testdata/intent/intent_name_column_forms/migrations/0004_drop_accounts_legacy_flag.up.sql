-- accounts.legacy_flag exists in two schemas: the name names no one object
ALTER TABLE accounts DROP COLUMN legacy_flag;
ALTER TABLE accounts DROP COLUMN id;
