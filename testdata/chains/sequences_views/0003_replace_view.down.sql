DROP VIEW invoice_amounts;
DROP VIEW big_invoices;
CREATE VIEW big_invoices AS SELECT id, amount FROM invoice WHERE amount > 100;
