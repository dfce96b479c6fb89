CREATE TABLE plans (seats smallint, s smallserial, x int2, y bigint);
-- expect: prefer-bigint-over-smallint "plans.seats is smallint (16-bit"
-- expect: prefer-bigint-over-smallint "plans.s is smallserial"
-- expect: prefer-bigint-over-smallint "plans.x is int2"
