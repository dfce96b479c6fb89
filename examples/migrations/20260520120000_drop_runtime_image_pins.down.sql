-- Restores runtime_image_pins exactly as 20260112103000 created it.
SET lock_timeout = '5s';

CREATE TABLE IF NOT EXISTS runtime_image_pins (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    digest text NOT NULL CHECK (digest LIKE 'sha256:%'),
    pinned_by text NOT NULL DEFAULT 'system',
    pinned_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_runtime_image_pins_workspace_id ON runtime_image_pins (workspace_id);
