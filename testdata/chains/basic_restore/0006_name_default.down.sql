-- forgets the previous default 'x'
ALTER TABLE users ALTER COLUMN name DROP DEFAULT;
