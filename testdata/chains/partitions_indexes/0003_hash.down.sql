DROP TABLE readings;
DROP TABLE events;
