-- fixture: role=up
-- A dependent the model is unsure of (a DO block may have dropped it) does
-- not stop a drop: PostgreSQL may well have accepted it.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE invoices (id int, customer_id int REFERENCES customers (id));
CREATE VIEW customer_names AS SELECT id FROM customers;
DO $$
BEGIN
  EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', 'invoices_customer_id_fkey');
  EXECUTE format('DROP VIEW %I', 'customer_names');
END $$;
DROP TABLE customers;

-- Dependents the model is sure of still do.
CREATE TABLE suppliers (id int PRIMARY KEY);
CREATE TABLE deliveries (id int, supplier_id int REFERENCES suppliers (id));
DROP TABLE suppliers;
-- expect: dependent-objects "deliveries_supplier_id_fkey"
