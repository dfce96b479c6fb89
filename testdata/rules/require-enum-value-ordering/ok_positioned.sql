ALTER TYPE job_status ADD VALUE 'paused' AFTER 'running';
ALTER TYPE job_status ADD VALUE 'new' BEFORE 'queued';
ALTER TYPE job_status RENAME VALUE 'done' TO 'finished';
SELECT 'ALTER TYPE job_status ADD VALUE ''x''';
