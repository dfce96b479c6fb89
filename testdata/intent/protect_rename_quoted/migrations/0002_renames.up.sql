ALTER TABLE app.other RENAME COLUMN digest TO image_digest;
ALTER TABLE app."Workspaces" RENAME TO workspaces;
