ALTER TABLE booking DROP CONSTRAINT booking_account_fk2;
ALTER TABLE booking DROP CONSTRAINT booking_room_positive;
