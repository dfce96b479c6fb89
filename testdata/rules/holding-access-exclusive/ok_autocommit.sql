-- +goose NO TRANSACTION
-- +goose Up
-- goose sends each statement on its own without a transaction: each commits and releases its lock.
ALTER TABLE users ADD COLUMN plan text;
UPDATE accounts SET plan = 'free';
