-- fixture: role=up
-- A DO block may have dropped what it names: making it again is not judged.
CREATE TABLE sessions (id int, token text);
DO $$
BEGIN
  IF (SELECT count(*) FROM sessions) = 0 THEN
    DROP TABLE sessions;
  END IF;
END $$;
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL);
ALTER TABLE sessions ADD COLUMN token text;

-- What the block does not name is still judged.
CREATE TABLE tokens (id int);
CREATE TABLE tokens (id int);
-- expect: duplicate-object "tokens"
