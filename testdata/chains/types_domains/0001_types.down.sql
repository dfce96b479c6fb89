DROP TABLE contact;
DROP TYPE status;
DROP TYPE address;
DROP DOMAIN positive_int;
DROP DOMAIN email;
