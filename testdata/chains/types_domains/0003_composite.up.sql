ALTER TYPE address ADD ATTRIBUTE country text;
ALTER TYPE status RENAME TO state;
ALTER DOMAIN email RENAME CONSTRAINT email_short TO email_len;
