CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 999999 CACHE 5 CYCLE;
CREATE SEQUENCE small_seq AS smallint;
CREATE TABLE invoice (
  id bigserial PRIMARY KEY,
  no bigint DEFAULT nextval('invoice_no'),
  line smallserial,
  amount numeric(10, 2)
);
CREATE VIEW big_invoices AS SELECT id, amount FROM invoice WHERE amount > 100;
CREATE MATERIALIZED VIEW invoice_totals AS SELECT count(*) AS n, sum(amount) AS total FROM invoice;
CREATE UNIQUE INDEX invoice_totals_n ON invoice_totals (n);
