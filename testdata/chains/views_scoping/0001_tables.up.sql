CREATE TABLE post (id int PRIMARY KEY, community_id int, score int, name text);
CREATE TABLE user_ (id int PRIMARY KEY, score int, name text);
CREATE TABLE comment (id int, post_id int, creator_id int);
CREATE TABLE community (id int PRIMARY KEY, title text, name text);
-- Sibling scalar subqueries: name is user_.name, never post.name.
CREATE VIEW comment_summary AS SELECT c.id,
  (SELECT community_id FROM post p WHERE p.id = c.post_id) AS community,
  (SELECT name FROM user_ WHERE c.creator_id = user_.id) AS creator
FROM comment c;
-- ORDER BY names the output column, not user_.score.
CREATE VIEW user_names AS SELECT name AS score FROM user_ ORDER BY score;
-- The CTE hides the table community.
CREATE VIEW community_names AS WITH community AS (SELECT id, name FROM user_) SELECT name FROM community;
