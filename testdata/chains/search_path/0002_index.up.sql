SET search_path = app, public;
CREATE INDEX ON thing (id);
