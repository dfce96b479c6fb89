SET lock_timeout = '5s';

-- miglint-ignore ban-drop-column: undoes this migration's own up
ALTER TABLE workspaces DROP COLUMN IF EXISTS owner;
