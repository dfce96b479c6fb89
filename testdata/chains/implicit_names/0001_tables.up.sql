CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE t (
  id serial primary key, c int, d int, e text references p(code),
  unique (c, d), foreign key (c) references p(id),
  CHECK (c > 0), CHECK (c > d)
);
