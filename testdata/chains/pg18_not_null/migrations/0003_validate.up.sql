ALTER TABLE account VALIDATE CONSTRAINT account_city_nn;
