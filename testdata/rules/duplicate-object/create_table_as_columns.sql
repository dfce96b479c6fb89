-- fixture: role=up
-- CREATE TABLE AS makes one column per output column of its query: two of
-- one name, PostgreSQL refuses the table.
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
CREATE TABLE order_pairs AS SELECT a.id, b.id FROM orders a, orders b;
-- expect: duplicate-object "specified more than once"
CREATE TABLE order_pairs_named (left_id, right_id) AS SELECT a.id, b.id FROM orders a, orders b;
SELECT a.id, b.customer_id INTO order_links FROM orders a, orders b;
