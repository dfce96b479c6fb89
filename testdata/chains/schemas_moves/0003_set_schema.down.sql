ALTER SEQUENCE billing.counter SET SCHEMA archive;
DROP SEQUENCE archive.counter;
ALTER TYPE public.tier SET SCHEMA billing;
ALTER TABLE public.plan_shape SET SCHEMA archive;
