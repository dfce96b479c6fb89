-- same: the literal's cast
CREATE INDEX i18 ON t ((c || 'x'::text));
