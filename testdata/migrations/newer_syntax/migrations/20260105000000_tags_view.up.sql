CREATE VIEW user_tags AS
  SELECT users.id, jt.tag
  -- needs 17
  FROM users, JSON_TABLE(users.profile, '$.tags[*]' COLUMNS (tag text PATH '$')) AS jt;
CREATE VIEW recent_users AS
  -- needs 16
  SELECT * FROM (SELECT id, email FROM users ORDER BY id DESC LIMIT 10);
