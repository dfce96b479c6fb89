ALTER TABLE account DROP CONSTRAINT account_city_nn;
ALTER TABLE account DROP COLUMN city;
