ALTER DOMAIN email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200);
ALTER DOMAIN email SET DEFAULT 'nobody@example.com';
ALTER DOMAIN email SET NOT NULL;
ALTER DOMAIN positive_int DROP CONSTRAINT positive_int_check;
ALTER DOMAIN positive_int DROP DEFAULT;
