ALTER TABLE users ADD COLUMN plan text NOT NULL;
-- expect: adding-required-field "adding NOT NULL column plan text without a default fails"
ALTER TABLE users ADD COLUMN seats integer, ADD COLUMN tier int4 NOT NULL;
-- expect: adding-required-field "column tier"
