-- fixture: role=up select=unmodeled-statement
-- A schema no migration makes (a platform's `auth`) holds what the model
-- cannot know: references into it are not judged, and that is said once.
CREATE TABLE profiles (id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE, name text);
-- expect: unmodeled-statement "no migration makes schema auth"
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
CREATE INDEX ON auth.users (email);

-- A schema the migrations made and dropped is known to be gone.
CREATE SCHEMA staging;
DROP SCHEMA staging;
CREATE TABLE staging.rows (id int);
-- expect: unknown-object "staging"
