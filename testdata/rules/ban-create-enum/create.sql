CREATE TYPE job_status AS ENUM ('queued', 'running', 'done');
-- expect: ban-create-enum "CREATE TYPE job_status AS ENUM: labels can be added later but never removed"
