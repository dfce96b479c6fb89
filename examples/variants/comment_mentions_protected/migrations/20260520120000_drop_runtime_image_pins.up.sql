-- miglint:intent drop table runtime_image_pins
-- Keep idx_workspaces_runtime_image_digest and workspaces.runtime_image_digest:
-- DROP INDEX idx_workspaces_runtime_image_digest;   <- NOT part of this change
SET lock_timeout = '5s';

/* ALTER TABLE workspaces DROP COLUMN runtime_image_digest; -- later, maybe */
SET application_name = 'DROP INDEX idx_workspaces_runtime_image_digest';

-- miglint-ignore ban-drop-table: the pinning service was removed in March; nothing reads or writes the table
DROP TABLE IF EXISTS runtime_image_pins;
