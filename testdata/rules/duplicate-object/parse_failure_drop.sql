-- fixture: role=up
-- A DROP that does not parse may have dropped what it names.
CREATE TABLE jobs (id int);
DROP TABEL jobs;
CREATE TABLE jobs (id bigint);

CREATE TABLE workers (id int);
CREATE TABLE workers (id int);
-- expect: duplicate-object "workers"
