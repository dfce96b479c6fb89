SET lock_timeout = '5s';

ALTER TABLE workspaces ADD COLUMN IF NOT EXISTS owner text;
