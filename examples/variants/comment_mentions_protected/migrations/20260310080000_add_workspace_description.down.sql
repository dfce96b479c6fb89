SET lock_timeout = '5s';

ALTER TABLE workspaces DROP COLUMN IF EXISTS description;
