-- same: CAST spelled as ::
CREATE INDEX i17 ON t ((CAST(a AS bigint)));
