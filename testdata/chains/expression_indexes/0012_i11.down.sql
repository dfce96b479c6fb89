-- same: case of the keyword
CREATE INDEX i11 ON t ((COALESCE(a, 0)));
