-- A table created earlier in the same file is new: dropping it loses nothing.
CREATE TABLE scratch (id bigint);
DROP TABLE scratch;
DROP INDEX IF EXISTS scratch_idx;
DROP VIEW v;
