CREATE TABLE invoice (
  id bigserial PRIMARY KEY,
  no bigint DEFAULT nextval('invoice_no'),
  line smallserial,
  amount numeric(10, 2)
);
CREATE VIEW big_invoices AS SELECT id, amount, no FROM invoice WHERE amount > 100;
