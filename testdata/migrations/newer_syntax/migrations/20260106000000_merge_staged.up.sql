MERGE INTO users u USING staged s ON u.id = s.id
  WHEN MATCHED THEN UPDATE SET name = s.name
  -- needs 17
  RETURNING merge_action(), u.id;
-- needs 17
COPY staged FROM '/tmp/staged.csv' (FORMAT csv, ON_ERROR ignore);
