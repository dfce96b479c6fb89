CREATE TABLE pins (id bigint PRIMARY KEY);
