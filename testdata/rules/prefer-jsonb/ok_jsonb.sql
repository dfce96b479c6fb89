CREATE TABLE events (payload jsonb);
SELECT '{}'::json;
-- CREATE TABLE x (a json);
