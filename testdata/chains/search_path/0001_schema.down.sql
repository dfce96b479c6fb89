DROP TABLE app.thing;
DROP SCHEMA app;
