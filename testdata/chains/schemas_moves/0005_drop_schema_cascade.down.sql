CREATE SCHEMA history;
CREATE TABLE history.plan_copy (LIKE billing.plan INCLUDING ALL);
