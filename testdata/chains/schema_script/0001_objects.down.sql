DROP TYPE mood;
DROP SEQUENCE counter;
DROP MATERIALIZED VIEW account_totals;
DROP VIEW account_codes;
DROP TABLE account;
DROP FUNCTION audit_rows();
DROP FUNCTION dollars();
DROP FUNCTION add_one(integer);
