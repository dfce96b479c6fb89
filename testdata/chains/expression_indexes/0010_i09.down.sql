-- same: casts and parentheses
CREATE INDEX i09 ON t ((date_trunc('day'::text, (e AT TIME ZONE 'UTC'::text))));
