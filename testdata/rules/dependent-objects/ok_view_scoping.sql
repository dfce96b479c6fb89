-- fixture: role=up
-- Views depend on the columns their names resolve to, scope by scope, as
-- PostgreSQL records them: none of these changes touches a column a view uses.
CREATE TABLE post (id int PRIMARY KEY, name text, community_id int, score int);
CREATE TABLE user_ (id int PRIMARY KEY, name text, score int);
CREATE TABLE comment (id int, post_id int, creator_id int, body text);
CREATE TABLE community (id int PRIMARY KEY, name text, title text);

-- Sibling scalar subqueries never see each other's FROM: name is user_.name.
CREATE VIEW comment_summary AS SELECT c.id,
  (SELECT community_id FROM post p WHERE p.id = c.post_id) AS community,
  (SELECT name FROM user_ WHERE c.creator_id = user_.id) AS creator
FROM comment c;
ALTER TABLE post ALTER COLUMN name TYPE varchar(200);

-- The innermost FROM first: id in the subquery is comment.id, not community.id.
CREATE VIEW community_comments AS SELECT (SELECT count(*) FROM comment WHERE comment.post_id = id) AS n FROM community;
ALTER TABLE community ALTER COLUMN id TYPE bigint;

-- ORDER BY names the output column score, not user_.score.
CREATE VIEW user_names AS SELECT name AS score FROM user_ ORDER BY score;
ALTER TABLE user_ ALTER COLUMN score TYPE bigint;

-- A CTE hides the table of the same name.
CREATE VIEW community_names AS WITH community AS (SELECT id, name FROM user_) SELECT name FROM community;
ALTER TABLE community ALTER COLUMN name TYPE varchar(100);
ALTER TABLE community DROP COLUMN name;

-- A subquery's column alias is not the column of that name.
CREATE VIEW titles AS SELECT s.score FROM (SELECT title, id AS score FROM community) s;
ALTER TABLE post ALTER COLUMN score TYPE bigint;

-- A whole row is no dependency on its columns.
CREATE VIEW comment_rows AS SELECT row_to_json(c) AS j FROM comment c;
ALTER TABLE comment DROP COLUMN body;

-- A name that may be a column of a relation the model does not know: nothing is judged.
CREATE VIEW external_names AS SELECT (SELECT max(name) FROM external_table) AS n FROM post;
ALTER TABLE post ALTER COLUMN name TYPE text;
