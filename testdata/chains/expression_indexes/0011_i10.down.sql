-- differs: the order of AND
CREATE INDEX i10 ON t (a) WHERE (a > 1 AND b IS NOT NULL);
