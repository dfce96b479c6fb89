-- same: varchar compared as text
CREATE INDEX i21 ON t (a) WHERE (d::text = 'x'::text);
