-- runs after 2 (numeric order), needs teams
ALTER TABLE users ADD COLUMN team_id bigint REFERENCES teams (id);
