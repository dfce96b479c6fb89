-- differs: another predicate
CREATE INDEX i22 ON t ((a * 2)) WHERE b >= 1;
