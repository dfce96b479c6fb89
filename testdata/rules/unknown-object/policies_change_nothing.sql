-- fixture: role=up
-- Row-level security policies are outside the model but change none of its
-- tables: what follows is still judged.
CREATE TABLE profiles (id uuid PRIMARY KEY, owner uuid);
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_owner ON profiles USING (owner = current_setting('app.user')::uuid);
ALTER TABLE profiles DROP COLUMN user_id;
-- expect: unknown-object "user_id"
