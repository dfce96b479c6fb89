ALTER TYPE elsewhere.mood SET SCHEMA public;
