DROP TABLE tick;
DROP FUNCTION tick_touch();
