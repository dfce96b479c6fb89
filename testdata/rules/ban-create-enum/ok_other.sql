CREATE TYPE pair AS (a int, b int);
CREATE DOMAIN positive AS bigint CHECK (VALUE > 0);
ALTER TYPE job_status ADD VALUE 'x' AFTER 'done';
