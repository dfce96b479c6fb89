CREATE VIEW active_ws AS SELECT id, name FROM ws;
