ALTER DOMAIN email RENAME CONSTRAINT email_len TO email_short;
ALTER TYPE state RENAME TO status;
