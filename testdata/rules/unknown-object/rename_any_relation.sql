-- fixture: role=up
-- The near neighbours: ALTER TABLE and ALTER INDEX rename a relation of any
-- kind, so the old name is gone afterwards.
CREATE TABLE review (id int PRIMARY KEY);
CREATE SEQUENCE review_seq;
ALTER INDEX review RENAME TO review_t;
ALTER TABLE review_seq RENAME TO ticket_seq;
CREATE TABLE review_copy (LIKE review);
-- expect: unknown-object "does not exist"
ALTER SEQUENCE review_seq RESTART;
-- expect: unknown-object "review_seq"
