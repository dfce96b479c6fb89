CREATE TABLE orders (
  id bigint NOT NULL,
  region text NOT NULL,
  placed date NOT NULL DEFAULT CURRENT_DATE,
  total numeric(12, 2),
  PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu', 'uk');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE orders_other PARTITION OF orders DEFAULT;
CREATE INDEX orders_placed_idx ON orders (placed);
