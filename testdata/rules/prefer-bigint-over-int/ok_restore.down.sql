-- fixture: role=down
-- A down restores the column the up dropped, with its old type: not a type choice.
ALTER TABLE t ADD COLUMN legacy int;
CREATE TABLE old_table (id serial PRIMARY KEY);
