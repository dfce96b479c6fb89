-- differs: operands swapped
CREATE INDEX i04 ON t ((b + a));
