CREATE TABLE users (email text CHECK (char_length(email) <= 255), bio varchar);
ALTER TABLE users ALTER COLUMN bio TYPE text;
SELECT 'a'::varchar(3);
