ALTER TABLE account RENAME CONSTRAINT account_pkey TO account_pk;
ALTER TABLE booking ALTER CONSTRAINT booking_owner_fk DEFERRABLE;
ALTER TABLE account ADD CHECK (id > 0);
