-- bigint, numeric, a user type named int4 in another schema, strings and comments: silent.
CREATE TABLE t (id bigint, a bigserial, b numeric(10, 2), c myschema.int4, d smallint);
SELECT 'CREATE TABLE x (id int)';
-- ALTER TABLE t ADD COLUMN e int;
SELECT 1::int;
