DROP TRIGGER audit_after ON audit_log;
DROP PROCEDURE purge(int);
DROP FUNCTION log_change();
DROP FUNCTION add(integer, integer);
DROP TABLE audit_log;
