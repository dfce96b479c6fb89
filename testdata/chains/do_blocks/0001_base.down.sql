DROP TABLE downloads;
