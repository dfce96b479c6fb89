SET lock_timeout = '5s';

-- miglint-ignore ban-drop-column: undoes this migration's own up; the column never held production data
ALTER TABLE workspaces DROP COLUMN IF EXISTS description;
