-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY users_id ON users (id);

-- migrate:down
