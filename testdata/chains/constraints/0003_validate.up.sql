ALTER TABLE booking VALIDATE CONSTRAINT booking_room_positive;
