ALTER TABLE account RENAME CONSTRAINT account_pk TO account_pkey;
ALTER TABLE booking ALTER CONSTRAINT booking_owner_fk NOT DEFERRABLE;
ALTER TABLE account DROP CONSTRAINT account_id_check;
