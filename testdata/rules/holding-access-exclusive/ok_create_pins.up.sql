-- fixture: in_transaction=true
CREATE TABLE pins (id bigint PRIMARY KEY);
CREATE TABLE pin_tags (pin_id bigint);
