-- fixture: role=up
-- Nothing here is reported: CASCADE takes the dependents along, and a
-- dependent a DO block may have removed does not block.
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int, author_id int REFERENCES authors (id));
CREATE VIEW author_ids AS SELECT id FROM authors;
DROP TABLE authors CASCADE;
CREATE TABLE publishers (id int PRIMARY KEY);
CREATE TABLE editions (id int, publisher_id int REFERENCES publishers (id));
DO $$ BEGIN EXECUTE format('DROP TABLE %I', 'editions'); END $$;
DROP TABLE publishers;
