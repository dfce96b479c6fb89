ALTER TABLE booking ADD COLUMN ref text;
CREATE UNIQUE INDEX booking_ref_idx ON booking (ref);
ALTER TABLE booking ADD CONSTRAINT booking_ref_key UNIQUE USING INDEX booking_ref_idx;
CREATE TABLE ledger (n int NOT NULL);
CREATE UNIQUE INDEX ledger_n_idx ON ledger (n);
ALTER TABLE ledger ADD PRIMARY KEY USING INDEX ledger_n_idx;
