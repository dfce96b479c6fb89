CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text, profile jsonb);
CREATE TABLE staged (id bigint, name text);
