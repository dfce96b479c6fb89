-- same: IN is = ANY
CREATE INDEX i20 ON t ((a IN (1, 2)));
