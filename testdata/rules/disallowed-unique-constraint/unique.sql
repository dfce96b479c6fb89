ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
-- expect: disallowed-unique-constraint "adding UNIQUE constraint users_email_key to users builds its index over every row; the statement takes an ACCESS EXCLUSIVE lock"
ALTER TABLE users ADD COLUMN handle text UNIQUE;
-- expect: disallowed-unique-constraint "to users"
