-- fixture: role=up
-- Trigger functions PostgreSQL ships, and those an extension brings (the
-- model does not list them), are not reported missing.
CREATE TABLE docs (id int, body text, search tsvector, updated_at timestamptz);
CREATE TRIGGER docs_search BEFORE INSERT OR UPDATE ON docs
  FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', body);
CREATE TRIGGER docs_same BEFORE UPDATE ON docs
  FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
CREATE EXTENSION IF NOT EXISTS moddatetime;
CREATE TRIGGER docs_touch BEFORE UPDATE ON docs
  FOR EACH ROW EXECUTE FUNCTION moddatetime(updated_at);

-- In a schema no extension went into, a missing function is still missing.
CREATE SCHEMA app;
CREATE TRIGGER docs_audit AFTER UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION app.audit_row();
-- expect: unknown-object "audit_row"
