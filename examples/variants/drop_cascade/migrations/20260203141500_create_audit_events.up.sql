SET lock_timeout = '5s';

CREATE TABLE IF NOT EXISTS audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint,
    action text NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
