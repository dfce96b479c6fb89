ALTER TABLE archive.plan_shape SET SCHEMA public;
ALTER TYPE billing.tier SET SCHEMA public;
CREATE SEQUENCE archive.counter;
ALTER SEQUENCE archive.counter SET SCHEMA billing;
