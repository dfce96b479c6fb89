-- fixture: role=up select=unknown-object,duplicate-object,dependent-objects
-- Syntax newer than the grammar, or a typo: the statement is one finding,
-- and what it would have made is unknown to the schema checks, not absent.
CREATE TABLE projects (id serial PRIMARY KEY, name text) WITH (fillfactor = 70) USING heap;
-- expect: syntax-error
CREATE TABLE tasks (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects (id) ON DELETE CASCADE);
CREATE INDEX projects_name_idx ON projects (name);
ALTER TABLE projects ADD CONSTRAINT projects_name_key UNIQUE (name);
ALTER TABLE projects ALTER COLUMN name SET NOT NULL;
DROP INDEX projects_name_idx;
