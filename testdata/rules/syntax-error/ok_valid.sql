-- PostgreSQL 15 accepts all of these.
CREATE TABLE "Order" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "user" text);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
SELECT E'it\'s', $tag$ ; not a statement end $tag$, 'a;b';
MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;
