SET statement_timeout = '10min';
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
CREATE INDEX users_a_idx ON users (a);
