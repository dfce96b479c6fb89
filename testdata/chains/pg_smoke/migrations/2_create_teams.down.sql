-- forgets the table: the down does not restore the schema
DROP INDEX teams_name_idx;
