-- A statement keyword at the start of a line inside the statement before
-- it: reported at the keyword, with a note where the `;` is missing.
ALTER TABLE crate_downloads DROP CONSTRAINT crate_downloads_pkey
-- the type change
ALTER TABLE crate_downloads ALTER COLUMN "date" TYPE timestamp;
-- expect: syntax-error "syntax error at or near" @5:1
CREATE TABLE after_error (id bigint);
