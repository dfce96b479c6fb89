-- differs: the operator class
CREATE INDEX i13 ON t (c);
