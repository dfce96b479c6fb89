-- fixture: role=up select=unmodeled-statement
-- A table made from a query: the model does not know its columns, so keys
-- and indexes on them are not judged; the model says so once per table.
CREATE TABLE archived_orders AS SELECT * FROM orders WHERE shipped;
-- expect: unmodeled-statement "CREATE TABLE AS"
ALTER TABLE archived_orders ADD PRIMARY KEY (id);
-- expect: unmodeled-statement "not checked: the model does not know all that table public.archived_orders holds"
CREATE INDEX ON archived_orders (customer_id);
ALTER TABLE archived_orders ALTER COLUMN note SET DEFAULT '';
COMMENT ON COLUMN archived_orders.note IS 'copied';

-- The same statements on a table the model knows in full still fire.
CREATE TABLE orders_known (id bigint);
ALTER TABLE orders_known ADD PRIMARY KEY (order_id);
-- expect: unknown-object "order_id"
CREATE INDEX ON orders_known (customer_id);
-- expect: unknown-object "customer_id"
