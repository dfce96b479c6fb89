-- The internal one-byte type "char" and character varying are not char(n).
CREATE TABLE t (f "char", g character varying(3), h varchar, i text);
SELECT 'x'::char(3);
