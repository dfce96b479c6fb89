-- fixture: role=down
CREATE TABLE users (id serial PRIMARY KEY);
