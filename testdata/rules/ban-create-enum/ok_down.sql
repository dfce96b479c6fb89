-- fixture: role=down
-- Restoring the type the up dropped.
CREATE TYPE job_status AS ENUM ('queued', 'running', 'done');
