SET lock_timeout = '5s';

CREATE OR REPLACE VIEW active_workspaces AS
    SELECT id, name FROM workspaces WHERE runtime_image_digest IS NOT NULL;
