-- fixture: role=up select=syntax-error
-- A statement that does not parse would have made `accounts`: what follows
-- is not judged against its absence. One problem, one finding.
CREATE TABEL accounts (id serial PRIMARY KEY, owner_id int NOT NULL);
-- expect: syntax-error
CREATE INDEX accounts_owner_idx ON accounts (owner_id);
ALTER TABLE accounts ADD COLUMN balance numeric NOT NULL DEFAULT 0;
CREATE TABLE entries (id serial PRIMARY KEY, account_id int REFERENCES accounts (id));
ALTER SEQUENCE accounts_id_seq RESTART WITH 100;
COMMENT ON TABLE accounts IS 'ledger accounts';

-- Dropping it proves it gone: later references are judged again.
DROP TABLE accounts;
ALTER TABLE accounts ADD COLUMN closed_at timestamptz;
-- expect: unknown-object "accounts"

-- A name the broken statement did not mention is still judged.
CREATE INDEX ON ledgers (id);
-- expect: unknown-object "ledgers"
