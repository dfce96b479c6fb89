SET lock_timeout = '5s';

DROP VIEW IF EXISTS active_workspaces;
