CREATE TABLE accounts (id uuid);
