-- fixture: role=down
-- A down restoring the domain its up dropped.
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
