CREATE SCHEMA app;
CREATE TABLE app."Workspaces" (id bigint PRIMARY KEY, digest text);
CREATE TABLE app.other (id bigint PRIMARY KEY, digest text);
