ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
-- expect: adding-field-with-default "volatile default gen_random_uuid()"

ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp();
-- expect: adding-field-with-default "ACCESS EXCLUSIVE lock on users (blocks reads and writes) and rewrites"

ALTER TABLE public.events ADD COLUMN id bigserial;
-- expect: adding-field-with-default "bigserial column fills every row from a sequence"

ALTER TABLE events ADD COLUMN n int GENERATED ALWAYS AS IDENTITY;
-- expect: adding-field-with-default "identity column"

ALTER TABLE events ADD COLUMN total numeric GENERATED ALWAYS AS (price * qty) STORED;
-- expect: adding-field-with-default "stored generated column"

-- A function miglint cannot classify may be volatile.
ALTER TABLE events ADD COLUMN code text DEFAULT make_code();
-- expect: adding-field-with-default "make_code()"

-- Two subcommands, one of them rewriting.
ALTER TABLE users ADD COLUMN a int DEFAULT 0, ADD COLUMN r float8 DEFAULT random();
-- expect: adding-field-with-default "random()"
