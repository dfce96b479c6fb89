-- Restores: the same names and types, spelled as a plain CREATE TABLE.
CREATE TABLE accounts_named (key bigint, short_code character varying(20));
