ALTER TABLE booking ADD CONSTRAINT booking_room_positive CHECK (room > 0) NOT VALID;
ALTER TABLE booking ADD CONSTRAINT booking_account_fk2 FOREIGN KEY (account_id) REFERENCES account (id) NOT VALID;
