-- fixture: role=up
-- A table made from a query over tables the model knows has the query's
-- columns: what names them is judged like any other table's columns.
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(10, 2), note text);
CREATE TABLE order_totals AS SELECT o.customer_id, sum(o.total) AS total, count(*) AS n FROM orders o GROUP BY 1;
ALTER TABLE order_totals ADD PRIMARY KEY (customer_id);
CREATE INDEX ON order_totals (n);
ALTER TABLE order_totals ADD PRIMARY KEY (id);
-- expect: unknown-object "id"
SELECT * INTO orders_copy FROM orders;
CREATE INDEX ON orders_copy (note);
CREATE INDEX ON orders_copy (shipped_at);
-- expect: unknown-object "shipped_at"
