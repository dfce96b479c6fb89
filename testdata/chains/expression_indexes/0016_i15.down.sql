-- differs: the method
CREATE INDEX i15 ON t (a);
