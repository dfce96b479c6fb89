-- fixture: role=up
-- A backfill of what was dropped (as downs write them): PostgreSQL refuses an INSERT,
-- UPDATE or DELETE whose table, target columns or read relations do not exist.
CREATE TABLE addresses (id bigint PRIMARY KEY, email text, verified_at timestamptz);
UPDATE addresses SET code = substr(md5(random()::text), 0, 32) WHERE code IS NULL;
-- expect: unknown-object "of relation"
INSERT INTO addresses (id, emial) VALUES (1, 'a@example.com');
-- expect: unknown-object "emial"
UPDATE addresses SET email = (SELECT m.config FROM address_methods AS m WHERE m.address_id = addresses.id);
-- expect: unknown-object "address_methods"
DELETE FROM address_history WHERE id = 1;
-- expect: unknown-object "address_history"
-- What exists stays silent: columns, WITH queries, aliases.
UPDATE addresses SET email = lower(email), verified_at = NULL WHERE id > 0;
WITH old AS (SELECT id FROM addresses WHERE verified_at IS NULL)
DELETE FROM addresses USING old WHERE addresses.id = old.id;
INSERT INTO addresses (id, email) SELECT a.id + 1000, a.email FROM addresses AS a;
