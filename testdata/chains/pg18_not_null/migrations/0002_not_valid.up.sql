ALTER TABLE account ADD COLUMN city text;
ALTER TABLE account ADD CONSTRAINT account_city_nn NOT NULL city NOT VALID;
