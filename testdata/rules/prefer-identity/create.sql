CREATE TABLE users (id bigserial PRIMARY KEY, n serial, s SMALLSERIAL, e serial8);
-- expect: prefer-identity "users.id is bigserial"
-- expect: prefer-identity "users.n is serial"
-- expect: prefer-identity "users.s is SMALLSERIAL"
-- expect: prefer-identity "users.e is serial8"
ALTER TABLE users ADD COLUMN seq bigserial;
-- expect: prefer-identity "users.seq is bigserial: it creates a separate sequence"
