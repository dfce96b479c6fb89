ALTER TYPE job_status ADD VALUE 'paused';
-- expect: require-enum-value-ordering "ADD VALUE 'paused' without BEFORE or AFTER appends it as the last label of job_status"
ALTER TYPE public.job_status ADD VALUE IF NOT EXISTS 'stopped';
-- expect: require-enum-value-ordering "public.job_status"
