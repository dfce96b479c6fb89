-- same: spacing
CREATE INDEX i19 ON t ((- a));
