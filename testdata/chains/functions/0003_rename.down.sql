ALTER TRIGGER audit_stmt ON audit_log RENAME TO audit_after;
ALTER FUNCTION add_big(bigint, bigint) RENAME TO add;
