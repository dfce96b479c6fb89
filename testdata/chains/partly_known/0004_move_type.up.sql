-- A type columns use moves: how they show it is not modeled.
ALTER TYPE mood SET SCHEMA elsewhere;
