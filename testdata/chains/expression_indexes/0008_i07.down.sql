-- same: the literal's cast
CREATE INDEX i07 ON t (a) WHERE c = 'x'::text;
