DROP TABLE people;
DROP TABLE src;
DROP SCHEMA elsewhere;
DROP TYPE mood;
