-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY users_id ON users (id);
-- +goose Down
DROP INDEX CONCURRENTLY users_id;
