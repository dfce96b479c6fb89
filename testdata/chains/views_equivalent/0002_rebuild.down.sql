-- The views as pg_dump writes them: qualified, the same definitions.
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT t.a, t.b FROM public.t;
CREATE VIEW vj AS SELECT t.a, u.name FROM (public.t JOIN public.u ON ((u.t_a = t.a))) WHERE (t.b > 0);
CREATE VIEW vs AS SELECT x.a FROM (SELECT t.a FROM public.t) x;
CREATE VIEW w AS SELECT v.a FROM public.v;
CREATE VIEW vstar AS SELECT t.a, t.b FROM public.t;
CREATE VIEW vjstar AS SELECT u.id, u.t_a, u.name, t.a, t.b FROM (public.t JOIN public.u ON ((u.t_a = t.a)));
