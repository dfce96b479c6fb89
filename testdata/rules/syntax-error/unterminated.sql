-- expect: syntax-error "unterminated quoted string" @3:8
CREATE TABLE before_error (id bigint);
SELECT 'never closed;
