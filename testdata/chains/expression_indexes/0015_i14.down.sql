-- differs: the collation
CREATE INDEX i14 ON t (c);
