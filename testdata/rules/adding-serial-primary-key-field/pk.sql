ALTER TABLE items ADD PRIMARY KEY (id);
-- expect: adding-serial-primary-key-field "adding a primary key to items builds its unique index"
ALTER TABLE items ADD COLUMN item_id serial PRIMARY KEY;
-- expect: adding-serial-primary-key-field "ACCESS EXCLUSIVE lock on items (blocks reads and writes) and builds an index"
ALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY (a, b);
-- expect: adding-serial-primary-key-field "items"
