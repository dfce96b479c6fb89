ALTER TABLE member RENAME COLUMN handle TO nick;
ALTER TABLE member RENAME TO account;
