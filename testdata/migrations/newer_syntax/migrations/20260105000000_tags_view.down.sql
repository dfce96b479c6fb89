DROP VIEW recent_users;
DROP VIEW user_tags;
