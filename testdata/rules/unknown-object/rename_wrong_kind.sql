-- fixture: role=up
-- ALTER SEQUENCE, ALTER VIEW and ALTER MATERIALIZED VIEW rename only their
-- own kind: PostgreSQL refuses these, so each name stays where it was.
CREATE TABLE review (id int PRIMARY KEY);
CREATE VIEW review_ids AS SELECT id FROM review;
CREATE MATERIALIZED VIEW review_counts AS SELECT count(*) AS n FROM review;
ALTER SEQUENCE review RENAME TO review_seq;
-- expect: unknown-object "is not a sequence"
ALTER VIEW review_counts RENAME TO counts;
-- expect: unknown-object "is not a view"
ALTER MATERIALIZED VIEW IF EXISTS review_ids RENAME TO ids;
-- expect: unknown-object "is not a materialized view"
CREATE TABLE review_copy (LIKE review);
SELECT n FROM review_counts;
DROP VIEW review_ids;
DROP MATERIALIZED VIEW review_counts;
