-- differs: INCLUDE
CREATE INDEX i16 ON t (a);
