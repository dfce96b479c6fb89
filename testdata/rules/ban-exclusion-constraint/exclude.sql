ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
-- expect: ban-exclusion-constraint "adding EXCLUDE constraint bookings_no_overlap to bookings"
