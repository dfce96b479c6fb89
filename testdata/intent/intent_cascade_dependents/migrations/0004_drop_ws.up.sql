/* miglint:intent drop table ws */
DROP TABLE ws CASCADE;
