DROP MATERIALIZED VIEW invoice_totals;
DROP VIEW big_invoices;
DROP TABLE invoice;
DROP SEQUENCE small_seq;
DROP SEQUENCE invoice_no;
