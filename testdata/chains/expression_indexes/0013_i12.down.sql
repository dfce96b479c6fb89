-- differs: UNIQUE
CREATE UNIQUE INDEX i12 ON t (a, b);
