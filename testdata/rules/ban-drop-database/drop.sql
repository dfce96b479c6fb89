DROP DATABASE analytics;
-- expect: ban-drop-database "DROP DATABASE analytics deletes every table"
DROP DATABASE IF EXISTS old_db;
-- expect: ban-drop-database "old_db"
