CREATE TABLE tally (k text PRIMARY KEY, n int NOT NULL DEFAULT 0);
MERGE INTO tally t USING (SELECT 'a' AS k) s ON t.k = s.k
  WHEN MATCHED THEN UPDATE SET n = t.n + 1
  WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k)
  RETURNING merge_action(), t.k;
