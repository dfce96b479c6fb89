ALTER FUNCTION add(bigint, bigint) RENAME TO add_big;
ALTER TRIGGER audit_after ON audit_log RENAME TO audit_stmt;
COMMENT ON FUNCTION add_big(bigint, bigint) IS 'adds bigints';
COMMENT ON TRIGGER audit_stmt ON audit_log IS 'statement audit';
