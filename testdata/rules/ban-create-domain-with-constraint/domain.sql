CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
-- expect: ban-create-domain-with-constraint "domain email has a CHECK constraint"
CREATE DOMAIN public.positive AS int NOT NULL;
-- expect: ban-create-domain-with-constraint "domain public.positive has a NOT NULL constraint"
