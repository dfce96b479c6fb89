-- miglint:intent drop table pinz
DROP TABLE pins;
