-- One statement is its own implicit transaction.
CREATE TABLE pins (id bigint);
