CREATE DOMAIN label AS text;
CREATE DOMAIN label2 AS text DEFAULT 'x';
CREATE TABLE users (email text CHECK (email LIKE '%@%'));
