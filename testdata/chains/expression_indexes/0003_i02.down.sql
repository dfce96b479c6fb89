-- same: a text column cast to text
CREATE INDEX i02 ON t ((lower((c)::text)));
