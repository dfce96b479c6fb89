CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE TABLE b2 (room int, during tstzrange);
ALTER TABLE b2 ADD CONSTRAINT b2_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
