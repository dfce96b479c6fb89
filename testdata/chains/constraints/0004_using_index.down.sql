DROP TABLE ledger;
ALTER TABLE booking DROP CONSTRAINT booking_ref_key;
ALTER TABLE booking DROP COLUMN ref;
