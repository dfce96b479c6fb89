CREATE OR REPLACE VIEW big_invoices AS SELECT id, amount, no FROM invoice WHERE amount > 100;
CREATE VIEW v2 (invoice_id, amt) AS SELECT id, amount FROM invoice;
ALTER VIEW v2 RENAME TO invoice_amounts;
