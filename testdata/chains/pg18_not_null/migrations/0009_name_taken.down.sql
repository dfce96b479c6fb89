DROP TABLE event;
DROP TABLE audit;
