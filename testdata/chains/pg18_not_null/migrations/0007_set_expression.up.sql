ALTER TABLE account ALTER COLUMN score SET EXPRESSION AS (length(nick) * 2);
