-- +goose NO TRANSACTION
-- +goose Up
BEGIN;
REINDEX INDEX CONCURRENTLY users_email_idx;
-- expect: ban-concurrent-index-creation-in-transaction "REINDEX CONCURRENTLY cannot run inside a transaction block, and it runs inside the BEGIN block"
COMMIT;
ALTER TABLE m DETACH PARTITION m1 CONCURRENTLY;
