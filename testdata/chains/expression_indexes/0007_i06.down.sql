-- same: spacing and the literal's cast
CREATE INDEX i06 ON t ((j->>'k'::text));
