-- fixture: role=up
-- The near neighbours: each view really depends on the column changed.
CREATE TABLE post (id int PRIMARY KEY, name text, community_id int);
CREATE TABLE user_ (id int PRIMARY KEY, name text);
CREATE TABLE comment (id int, post_id int, creator_id int);

-- The same view as ok_view_scoping.sql: its second subquery reads user_.name.
CREATE VIEW comment_summary AS SELECT c.id,
  (SELECT community_id FROM post p WHERE p.id = c.post_id) AS community,
  (SELECT name FROM user_ WHERE c.creator_id = user_.id) AS creator
FROM comment c;
ALTER TABLE user_ ALTER COLUMN name TYPE varchar(200);
-- expect: dependent-objects "view public.comment_summary depends on column"
ALTER TABLE post ALTER COLUMN community_id TYPE bigint;
-- expect: dependent-objects "view public.comment_summary depends on column"

-- A qualified reference through an alias.
CREATE TABLE article (id int, title text);
CREATE VIEW article_titles AS SELECT a.title AS headline FROM article a;
ALTER TABLE article ALTER COLUMN title TYPE varchar(100);
-- expect: dependent-objects "view public.article_titles depends on column"

-- A renamed column stays depended on under its new name.
ALTER TABLE article RENAME COLUMN title TO headline;
ALTER TABLE article ALTER COLUMN headline TYPE varchar(100);
-- expect: dependent-objects "view public.article_titles depends on column"

-- * depends on every column it expanded to.
CREATE TABLE tag (id int, label text);
CREATE VIEW all_tags AS SELECT * FROM tag;
ALTER TABLE tag ALTER COLUMN label TYPE varchar(100);
-- expect: dependent-objects "view public.all_tags depends on column"
ALTER TABLE tag DROP COLUMN label;
-- expect: dependent-objects "cannot drop column label of table public.tag"

-- A correlated reference to a column only the outer query has.
CREATE TABLE vote (id int, voter_id int);
CREATE VIEW voters AS SELECT (SELECT count(*) FROM user_ u WHERE u.id = voter_id) AS n FROM vote;
ALTER TABLE vote ALTER COLUMN voter_id TYPE bigint;
-- expect: dependent-objects "view public.voters depends on column"

-- A column that only ORDER BY reads.
CREATE TABLE score (id int, points int);
CREATE VIEW ranked AS SELECT id FROM score ORDER BY points;
ALTER TABLE score ALTER COLUMN points TYPE bigint;
-- expect: dependent-objects "view public.ranked depends on column"
