CREATE TABLE countries (code char(2), c character(3), d CHAR, e bpchar, f "char", g varchar(3), h text);
-- expect: ban-char-field "countries.code is char(2) (blank-padded"
-- expect: ban-char-field "countries.c is character(3)"
-- expect: ban-char-field "countries.d is CHAR"
-- expect: ban-char-field "countries.e is bpchar"
ALTER TABLE countries ALTER COLUMN h TYPE char(10);
-- expect: ban-char-field "countries.h is char(10)"
