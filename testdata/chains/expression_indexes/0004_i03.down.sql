-- same: the implicit cast written out
CREATE INDEX i03 ON t (lower(d::text));
