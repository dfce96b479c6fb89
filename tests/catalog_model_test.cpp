// The schema model on inline SQL: implicit names, type canonicalisation,
// expression equivalences (docs/PG_FACTS.md §2, §4, §5), issues and pg_dump comparison.
#include <gtest/gtest.h>

#include <google/protobuf/arena.h>

#include "analyzer/catalog/diff.h"
#include "analyzer/replay/dump_compare.h"
#include "analyzer/catalog/expr.h"
#include "analyzer/effects/apply.h"
#include "tests/fixture_support.h"

using namespace miglint;
using namespace miglint::catalog;

namespace {

using miglint::testing::Applied;
Applied run(Catalog& c, const std::string& sql) { return miglint::testing::apply_sql(c, sql); }

std::set<std::string> constraint_names(const Catalog& c, const std::string& table) {
  std::set<std::string> out;
  for (const auto& k : c.table({"public", table})->constraints) out.insert(k.name);
  return out;
}

std::string type_of(const std::string& t) {
  Catalog c;
  run(c, "CREATE TABLE x (c " + t + ");");
  return c.table({"public", "x"})->columns.at(0).type;
}

std::string canon(const std::string& expr, const std::string& coltype = "") {
  google::protobuf::Arena arena;
  const auto* n = parse_single_statement("SELECT " + expr, arena);
  EXPECT_NE(n, nullptr) << expr;
  Catalog c;
  return make_expr(n->select_stmt().target_list(0).res_target().val(), {coltype, &c}).canon;
}

}  // namespace

// A serial column's default, built without parsing SQL, is stored exactly as
// the parsed SQL would be: same canonical form, whatever the names.
TEST(CatalogExpr, NextvalBuiltEqualsParsed) {
  Catalog c;
  run(c, "CREATE SCHEMA \"Odd Schema\"; CREATE TABLE t (id serial); CREATE TABLE \"Odd Schema\".\"T\" (id serial);");
  for (const std::string seq : {"public.t_id_seq", "t_id_seq", "\"Odd Schema\".\"T_id_seq\"", "missing_seq"})
    for (const std::string coltype : {"integer", "bigint", ""}) {
      const ExprContext ctx{coltype, &c};
      google::protobuf::Arena arena;
      const auto* n = parse_single_statement("SELECT nextval('" + seq + "'::regclass)", arena);
      ASSERT_NE(n, nullptr);
      const Expr parsed = make_expr(n->select_stmt().target_list(0).res_target().val(), ctx);
      const auto built = nextval_expr(seq, "shown", ctx);
      ASSERT_TRUE(built.has_value()) << seq;
      EXPECT_EQ(built->canon, parsed.canon) << seq << " " << coltype;
      EXPECT_EQ(built->text, "shown");
    }
  EXPECT_FALSE(nextval_expr("it's", "x", {}).has_value());
  // The model's serial default: a real table's column, by either path.
  EXPECT_EQ(c.table({"public", "t"})->column("id")->default_expr->text, "nextval('t_id_seq'::regclass)");
  EXPECT_EQ(c.table({"Odd Schema", "T"})->column("id")->default_expr->text, "nextval('\"T_id_seq\"'::regclass)");
}

TEST(CatalogNames, WorkedExampleFromCreateTable) {
  Catalog c;
  auto a = run(c,
               "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);"
               "create table t (id serial primary key, c int, d int, e text references p(code), unique (c, d), "
               "foreign key (c) references p(id));");
  EXPECT_TRUE(a.issues.empty());
  EXPECT_EQ(constraint_names(c, "t"), (std::set<std::string>{"t_pkey", "t_c_d_key", "t_e_fkey", "t_c_fkey"}));
  EXPECT_TRUE(c.sequence({"public", "t_id_seq"}));
  EXPECT_TRUE(c.index({"public", "t_pkey"}));
  EXPECT_TRUE(c.table({"public", "t"})->column("id")->not_null);
  EXPECT_EQ(c.table({"public", "t"})->column("id")->type, "integer");
}

TEST(CatalogNames, CheckNamesFollowTheExpression) {
  Catalog c;
  run(c, "CREATE TABLE t (a int, b int CHECK (a < 100), c int, d int, CHECK (c > d), CHECK (true));");
  EXPECT_EQ(constraint_names(c, "t"), (std::set<std::string>{"t_a_check", "t_check", "t_check1"}));
}

TEST(CatalogNames, TruncationAndCollisions) {
  EXPECT_EQ(make_object_name(std::string(40, 'a'), std::string(60, 'c'), "check"),
            std::string(28, 'a') + "_" + std::string(28, 'c') + "_check");
  Catalog c;
  run(c,
      "CREATE TABLE customer_subscription_billing_history_entries_archive_2024 ("
      "payment_provider_reference_identifier text UNIQUE, id int PRIMARY KEY);");
  const auto names = constraint_names(c, "customer_subscription_billing_history_entries_archive_2024");
  EXPECT_TRUE(names.count("customer_subscription_billing_payment_provider_reference_id_key"));
  EXPECT_TRUE(names.count("customer_subscription_billing_history_entries_archive_2024_pkey"));
  run(c, "CREATE TABLE g (g int); ALTER TABLE g ADD UNIQUE (g); ALTER TABLE g ADD UNIQUE (g);");
  EXPECT_EQ(constraint_names(c, "g"), (std::set<std::string>{"g_g_key", "g_g_key1"}));
  run(c,
      "CREATE TABLE u (a int, e text); CREATE INDEX ON u (a, a); CREATE INDEX ON u (lower(e), upper(e));"
      "CREATE INDEX ON u ((a + 1), (a * 2));");
  EXPECT_TRUE(c.index({"public", "u_a_a1_idx"}));
  EXPECT_TRUE(c.index({"public", "u_lower_upper_idx"}));
  EXPECT_TRUE(c.index({"public", "u_expr_expr1_idx"}));
  run(c, "CREATE SEQUENCE idt3_x_seq; CREATE TABLE idt3 (x serial);");
  EXPECT_TRUE(c.sequence({"public", "idt3_x_seq1"}));
  run(c, "CREATE TABLE mm (f int UNIQUE UNIQUE, id int PRIMARY KEY UNIQUE);");
  EXPECT_EQ(constraint_names(c, "mm"), (std::set<std::string>{"mm_f_key", "mm_pkey"}));
}

TEST(CatalogNames, RenamesKeepImplicitNames) {
  Catalog c;
  run(c,
      "CREATE TABLE rn (id serial PRIMARY KEY, a int UNIQUE); ALTER TABLE rn RENAME TO rn2;"
      "ALTER TABLE rn2 RENAME COLUMN a TO b;");
  EXPECT_EQ(constraint_names(c, "rn2"), (std::set<std::string>{"rn_pkey", "rn_a_key"}));
  EXPECT_TRUE(c.sequence({"public", "rn_id_seq"}));
  EXPECT_EQ(c.sequence({"public", "rn_id_seq"})->owned_table->name, "rn2");
  EXPECT_EQ(c.table({"public", "rn2"})->constraint("rn_a_key")->columns, std::vector<std::string>{"b"});
}

TEST(CatalogTypes, CanonicalDisplayNames) {
  EXPECT_EQ(type_of("int"), "integer");
  EXPECT_EQ(type_of("int4"), "integer");
  EXPECT_EQ(type_of("int8"), "bigint");
  EXPECT_EQ(type_of("varchar(10)"), "character varying(10)");
  EXPECT_EQ(type_of("character varying"), "character varying");
  EXPECT_EQ(type_of("char"), "character(1)");
  EXPECT_EQ(type_of("bpchar"), "bpchar");
  EXPECT_EQ(type_of("\"char\""), "\"char\"");
  EXPECT_EQ(type_of("numeric(5)"), "numeric(5,0)");
  EXPECT_EQ(type_of("decimal(10,2)"), "numeric(10,2)");
  EXPECT_EQ(type_of("bool"), "boolean");
  EXPECT_EQ(type_of("float(10)"), "real");
  EXPECT_EQ(type_of("float"), "double precision");
  EXPECT_EQ(type_of("timestamptz"), "timestamp with time zone");
  EXPECT_EQ(type_of("timestamp(3)"), "timestamp(3) without time zone");
  EXPECT_EQ(type_of("time with time zone"), "time with time zone");
  EXPECT_EQ(type_of("interval day to second(3)"), "interval day to second(3)");
  EXPECT_EQ(type_of("int[][]"), "integer[]");
  EXPECT_EQ(type_of("varchar(20)[]"), "character varying(20)[]");
  EXPECT_EQ(type_of("bit"), "bit(1)");
  EXPECT_EQ(type_of("jsonb"), "jsonb");
  EXPECT_EQ(type_of("bigserial"), "bigint");
}

TEST(CatalogExpr, EquivalentSpellingsCompareEqual) {
  EXPECT_EQ(canon("'x'", "text"), canon("'x'::text", "text"));
  EXPECT_EQ(canon("-1", "integer"), canon("'-1'::integer", "integer"));
  EXPECT_EQ(canon("'7'", "integer"), canon("7", "integer"));
  EXPECT_EQ(canon("'f'", "boolean"), canon("false", "boolean"));
  EXPECT_EQ(canon("a IN (1, 2)"), canon("a = ANY (ARRAY[1, 2])"));
  EXPECT_EQ(canon("s IN ('x', 'y')"),
            canon("s = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[])"));
  EXPECT_EQ(canon("a IN (1)"), canon("a = 1"));
  EXPECT_EQ(canon("s NOT IN ('a')"), canon("s <> 'a'::text"));
  EXPECT_EQ(canon("a BETWEEN 1 AND 10"), canon("((a >= 1) AND (a <= 10))"));
  EXPECT_EQ(canon("s LIKE 'x%'"), canon("s ~~ 'x%'::text"));
  EXPECT_EQ(canon("(v)::text = 'a'"), canon("v = 'a'"));
  EXPECT_EQ(canon("nextval('s')"), canon("nextval('public.s'::regclass)"));
  EXPECT_EQ(canon("pg_catalog.lower(x)"), canon("lower(x)"));
  EXPECT_EQ(canon("a != 1"), canon("a <> 1"));
  EXPECT_EQ(canon("(a + (b))"), canon("a + b"));
}

TEST(CatalogExpr, PitfallsStayDifferent) {
  EXPECT_NE(canon("1.50", "numeric"), canon("1.5", "numeric"));
  EXPECT_NE(canon("x IS NOT NULL"), canon("NOT (x IS NULL)"));
  EXPECT_NE(canon("now()"), canon("CURRENT_TIMESTAMP"));
  EXPECT_NE(canon("CURRENT_TIMESTAMP(3)"), canon("CURRENT_TIMESTAMP"));
  // 'epoch' on timestamptz is stored as the instant (pg_dump in UTC).
  EXPECT_EQ(canon("'epoch'", "timestamp with time zone"),
            canon("'1970-01-01 00:00:00+00'::timestamp with time zone", "timestamp with time zone"));
  EXPECT_NE(canon("'epoch'", "timestamp with time zone"),
            canon("'1970-01-02 00:00:00+00'", "timestamp with time zone"));
  EXPECT_NE(canon("LOCALTIMESTAMP"), canon("CURRENT_TIMESTAMP"));
  EXPECT_NE(canon("a > 1"), canon("a >= 1"));
  EXPECT_NE(canon("lower(a)"), canon("upper(a)"));
}

TEST(CatalogExpr, DeepNestingDoesNotCrash) {
  std::string e = "1";
  for (int i = 0; i < 3000; ++i) e = "(" + e + " + 1)";
  Catalog c;
  auto pf = parse_file(std::make_shared<SourceFile>("deep.sql", "CREATE TABLE d (a int DEFAULT " + e + ");"));
  for (const auto& s : pf.statements) effects::apply_statement(c, pf, s);
  SUCCEED();
}

TEST(CatalogIssues, UnknownDuplicateDependent) {
  Catalog c;
  EXPECT_TRUE(run(c, "ALTER TABLE nope ADD COLUMN x int;").has("unknown-object"));
  EXPECT_TRUE(run(c, "ALTER TABLE IF EXISTS nope ADD COLUMN x int; DROP TABLE IF EXISTS nope;").issues.empty());
  run(c, "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a);");
  EXPECT_TRUE(run(c, "CREATE TABLE a (x int);").has("duplicate-object"));
  EXPECT_TRUE(run(c, "CREATE TABLE IF NOT EXISTS a (x int);").issues.empty());
  EXPECT_TRUE(run(c, "CREATE INDEX a ON b (a_id);").has("duplicate-object"));
  auto dep = run(c, "DROP TABLE a;");
  ASSERT_TRUE(dep.has("dependent-objects"));
  EXPECT_NE(dep.issues[0].message.find("cannot drop table public.a because other objects depend on it"),
            std::string::npos);
  EXPECT_TRUE(c.table({"public", "a"})) << "a refused statement changes nothing";
  EXPECT_TRUE(run(c, "DROP INDEX a_pkey;").has("dependent-objects"));
  EXPECT_TRUE(run(c, "ALTER TABLE a DROP CONSTRAINT a_pkey;").has("dependent-objects"));
  EXPECT_TRUE(run(c, "DROP TABLE b, a;").issues.empty()) << "objects in one DROP may depend on each other";
  run(c, "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE p (m mood);");
  EXPECT_TRUE(run(c, "DROP TYPE mood;").has("dependent-objects"));
  EXPECT_TRUE(run(c, "DROP TYPE mood CASCADE;").issues.empty());
  EXPECT_FALSE(c.table({"public", "p"})->column("m")) << "CASCADE drops the column";
  run(c,
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
      "CREATE TRIGGER tr BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION f();");
  EXPECT_TRUE(run(c, "DROP FUNCTION f();").has("dependent-objects"));
  EXPECT_TRUE(run(c, "CREATE TABLE s (id serial); DROP SEQUENCE s_id_seq;").has("dependent-objects"));
  EXPECT_TRUE(run(c, "DO $$ BEGIN EXECUTE format('drop table %I', 'p'); END $$;").has("unmodeled-statement"));
  EXPECT_TRUE(c.uncertain(table_key({"public", "p"})));
}

TEST(CatalogUnsure, MarksMergeRollBackAndDerive) {
  Catalog c;
  const Unsure cause{0, "a statement that did not parse names it", {}, "this statement did not parse"};
  const size_t cp = c.checkpoint();
  c.mark_unsure("name:orders", Unsure::Name | Unsure::Derived, cause);
  c.mark_unsure("name:items", Unsure::Name, cause);
  c.mark_unsure("table:public\x1forders", Unsure::Contents, cause);
  c.mark_unsure("table:public\x1forders", Unsure::Presence, cause);
  EXPECT_EQ(c.unsure("table:public\x1forders")->what, Unsure::Contents | Unsure::Presence) << "marks merge";
  EXPECT_TRUE(c.unsure_name("orders"));
  EXPECT_TRUE(c.unsure_name("orders_pkey")) << "implicit names derive from the table's";
  EXPECT_TRUE(c.unsure_name("orders_customer_id_fkey"));
  EXPECT_FALSE(c.unsure_name("items_pkey")) << "only names marked Derived lend their prefix";
  EXPECT_FALSE(c.unsure_name("order_lines"));
  EXPECT_TRUE(c.first_report("name:orders"));
  EXPECT_FALSE(c.first_report("name:orders")) << "said once";
  c.forget_unsure("name:orders");
  EXPECT_FALSE(c.unsure_name("orders_pkey"));
  c.rollback(cp);
  EXPECT_FALSE(c.unsure("table:public\x1forders")) << "journaled like the objects";
  EXPECT_FALSE(c.unsure_name("items"));
}

TEST(CatalogUnsure, OnlyWhatTheModelKnowsIsJudged) {
  Catalog c;
  // A table from a query over a relation the model does not know: its
  // columns are unknown, references into it are not judged.
  auto a = run(c,
               "CREATE TABLE t AS SELECT * FROM made_elsewhere; ALTER TABLE t ADD PRIMARY KEY (id);"
               "CREATE INDEX ON t (x);");
  EXPECT_FALSE(a.has("unknown-object"));
  EXPECT_TRUE(c.table({"public", "t"})->constraint("t_pkey")) << "the statement is still applied";
  EXPECT_TRUE(c.index({"public", "t_x_idx"}));
  // A name a DO block mentions may exist: a statement that needs it is not applied.
  a = run(c,
          "DO $$ BEGIN EXECUTE format('CREATE TABLE %I (id int)', 'made_in_do'); END $$;"
          "ALTER TABLE made_in_do ADD COLUMN x int; CREATE INDEX made_in_do_x ON made_in_do (x);");
  EXPECT_FALSE(a.has("unknown-object"));
  EXPECT_FALSE(c.table({"public", "made_in_do"}));
  // A drop proves it gone.
  a = run(c, "DROP TABLE IF EXISTS made_in_do; ALTER TABLE made_in_do ADD COLUMN y int;");
  EXPECT_TRUE(a.has("unknown-object"));
  // Said once per object.
  a = run(c, "ALTER TABLE t ADD COLUMN a int; ALTER TABLE t DROP COLUMN nope; ALTER TABLE t DROP COLUMN nope2;");
  size_t infos = 0;
  for (const auto& i : a.issues) infos += i.rule == "unmodeled-statement";
  EXPECT_EQ(infos, 0u) << "t was reported already";
}

TEST(CatalogEffects, DropTableImpliesItsIndexesAndSequences) {
  Catalog c;
  run(c, "CREATE TABLE t (id serial PRIMARY KEY, x int); CREATE INDEX t_x_idx ON t (x);");
  auto a = run(c, "DROP TABLE t;");
  bool index = false, seq = false, table = false;
  for (const auto& e : a.effects) {
    if (e.action != effects::Action::Dropped) continue;
    if (e.object.kind == ObjectKind::Index && e.object.name.name == "t_x_idx" && e.implied) index = true;
    if (e.object.kind == ObjectKind::Sequence && e.object.name.name == "t_id_seq" && e.implied) seq = true;
    if (e.object.kind == ObjectKind::Table && !e.implied) table = true;
  }
  EXPECT_TRUE(index && seq && table);
}

TEST(CatalogJournal, RollbackRestoresState) {
  Catalog c;
  run(c, "CREATE TABLE t (id int PRIMARY KEY, name text);");
  const Slice before = c.slice_all();
  const size_t cp = c.checkpoint();
  run(c, "ALTER TABLE t ADD COLUMN x int; DROP TABLE t; CREATE TYPE e AS ENUM ('a');");
  EXPECT_FALSE(diff(before, c.slice_all()).empty());
  c.rollback(cp);
  EXPECT_TRUE(diff(before, c.slice_all()).empty());
}

TEST(CatalogJournal, KeepsOneOldVersionPerObjectSinceTheCheckpoint) {
  Catalog c;
  run(c, "CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int);");
  const Slice before = c.slice_all();
  const size_t cp = c.checkpoint();
  std::string sql;
  for (int i = 0; i < 200; ++i) sql += "ALTER TABLE t ADD COLUMN c" + std::to_string(i) + " int;";
  run(c, sql);
  const size_t grown = c.statement_begin() - cp;
  EXPECT_LT(grown, 10u) << "200 statements on one table: one journal entry for it, not 200";
  EXPECT_EQ(c.table({"public", "t"})->columns.size(), 201u);
  // A failing statement rolls back to its own start, not to the checkpoint.
  EXPECT_TRUE(run(c, "ALTER TABLE t ADD COLUMN c5 int;").has("duplicate-object"));
  EXPECT_EQ(c.table({"public", "t"})->columns.size(), 201u);
  run(c, "ALTER TABLE t DROP COLUMN c7; ALTER TABLE u ADD COLUMN x int;");
  const Slice at = c.slice_at(cp, c.touched_since(cp));
  ASSERT_TRUE(at.tables.count(QName{"public", "t"}.key()) && at.tables.count(QName{"public", "u"}.key()));
  EXPECT_EQ(at.tables.at(QName{"public", "t"}.key())->columns.size(), 1u) << "the checkpoint's values are kept";
  EXPECT_EQ(at.tables.at(QName{"public", "u"}.key())->columns.size(), 1u);
  c.rollback(cp);
  EXPECT_TRUE(diff(before, c.slice_all()).empty());
  // And again after the rollback: the journal starts over.
  run(c, "ALTER TABLE t ADD COLUMN y int; ALTER TABLE t ADD COLUMN z int;");
  c.rollback(cp);
  EXPECT_TRUE(diff(before, c.slice_all()).empty());
}

TEST(CatalogDump, SerialEqualsDumpSpelling) {
  Catalog c;
  run(c,
      "CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x', n int DEFAULT -1);"
      "CREATE INDEX ON t (lower(name)); COMMENT ON TABLE t IS 'things';");
  const std::string dump = R"(
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.t (
    id integer NOT NULL,
    name text DEFAULT 'x'::text NOT NULL,
    n integer DEFAULT '-1'::integer
);
COMMENT ON TABLE public.t IS 'things';
CREATE SEQUENCE public.t_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;
ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);
ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);
CREATE INDEX t_lower_idx ON public.t USING btree (lower(name));
)";
  auto d = compare_with_dump(c, dump);
  for (const auto& x : d) ADD_FAILURE() << x.str();
  auto d2 = compare_with_dump(c, "CREATE TABLE public.t (id bigint NOT NULL);");
  EXPECT_FALSE(d2.empty());
}

TEST(CatalogDump, ExcusesViewTextAndIgnoresExtensionComments) {
  Catalog c;
  run(c,
      "CREATE EXTENSION pg_trgm; CREATE TABLE t (id int, amount numeric);"
      "CREATE VIEW big AS SELECT id FROM t WHERE amount > 100;"
      "CREATE VIEW ordered AS SELECT id, amount FROM t ORDER BY 2;");
  const std::string dump = R"(
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
CREATE TABLE public.t (
    id integer,
    amount numeric
);
CREATE VIEW public.big AS
 SELECT t.id
   FROM public.t
  WHERE (t.amount > (100)::numeric);
CREATE VIEW public.ordered AS
 SELECT t.id,
    t.amount
   FROM public.t
  ORDER BY t.amount;
)";
  const auto cmp = compare_with_dump_excusing_uncertain(c, dump);
  for (const auto& x : cmp.differences) ADD_FAILURE() << x.str();
  // `big` reads as the server stores it (columns qualified, the schema
  // dropped); `ordered`'s ORDER BY 2 is still a spelling the model keeps.
  ASSERT_EQ(cmp.excused.size(), 1u);
  EXPECT_EQ(cmp.excused[0].why, "view query text");
  EXPECT_EQ(cmp.excused[0].difference.object.name.name, "ordered") << cmp.excused[0].difference.str();
  EXPECT_TRUE(cmp.unread.empty());
}

TEST(CatalogDump, AlterDomainUsingIndexAndPartitionIndexesMatchTheDump) {
  Catalog c;
  run(c,
      "CREATE DOMAIN email AS text CHECK (VALUE ~ '@');"
      "ALTER DOMAIN email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200);"
      "ALTER DOMAIN email SET NOT NULL; ALTER DOMAIN email DROP CONSTRAINT email_check;"
      "CREATE TABLE l (n int NOT NULL); CREATE UNIQUE INDEX l_n_idx ON l (n);"
      "ALTER TABLE l ADD PRIMARY KEY USING INDEX l_n_idx;"
      "CREATE TABLE m (d date NOT NULL) PARTITION BY RANGE (d);"
      "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
      "CREATE INDEX ON m (d);");
  const std::string dump = R"(
CREATE DOMAIN public.email AS text NOT NULL
	CONSTRAINT email_short CHECK ((length(VALUE) < 200));
CREATE TABLE public.l (
    n integer NOT NULL
);
CREATE TABLE public.m (
    d date NOT NULL
)
PARTITION BY RANGE (d);
CREATE TABLE public.m_1 (
    d date NOT NULL
);
ALTER TABLE ONLY public.m ATTACH PARTITION public.m_1 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE ONLY public.l
    ADD CONSTRAINT l_n_idx PRIMARY KEY (n);
CREATE INDEX m_d_idx ON ONLY public.m USING btree (d);
CREATE INDEX m_1_d_idx ON public.m_1 USING btree (d);
ALTER INDEX public.m_d_idx ATTACH PARTITION public.m_1_d_idx;
)";
  const auto cmp = compare_with_dump_excusing_uncertain(c, dump);
  for (const auto& x : cmp.differences) ADD_FAILURE() << x.str();
  for (const auto& x : cmp.excused) ADD_FAILURE() << "excused: " << x.difference.str();
  for (const auto& u : cmp.unread) ADD_FAILURE() << u;
}

// A commit makes what the migration changed fit: a table copied to gain a
// column (or an index built key by key) keeps no room to grow, which at
// 100,000 migrations was tens of megabytes of the model.
TEST(CatalogMemory, CommitFitsChangedObjects) {
  Catalog c;
  run(c,
      "CREATE TABLE t (a int, b int, c int, CONSTRAINT k UNIQUE (a, b, c));\n"
      "ALTER TABLE t ADD COLUMN d int;\n"
      "CREATE INDEX t_idx ON t (a, b, c);\n");
  const auto before = c.table({"public", "t"});
  ASSERT_TRUE(before);
  ASSERT_EQ(before->columns.size(), 4u);
  c.commit();
  const auto t = c.table({"public", "t"});
  EXPECT_EQ(t.get(), before.get());  // the same object, made to fit
  EXPECT_EQ(t->columns.capacity(), t->columns.size());
  EXPECT_EQ(t->constraints.capacity(), t->constraints.size());
  for (const auto& k : t->constraints) EXPECT_EQ(k.columns.capacity(), k.columns.size());
  const auto ix = c.index({"public", "t_idx"});
  ASSERT_TRUE(ix);
  EXPECT_EQ(ix->keys.size(), 3u);
  EXPECT_EQ(ix->keys.capacity(), ix->keys.size());
  EXPECT_EQ(t->columns[3].name, "d");
}

// DEFAULT NULL is stored only where the type's length coercion wraps the
// null (checked on PostgreSQL 15: pg_get_expr of pg_attrdef).
TEST(CatalogExpr, NullDefaultStoredOnlyOnTypesWithALength) {
  Catalog c;
  run(c,
      "CREATE TABLE t (a varchar(5) DEFAULT NULL, b varchar DEFAULT NULL, c char(3) DEFAULT NULL, "
      "d numeric(5,2) DEFAULT NULL, e numeric DEFAULT NULL, f timestamp(3) DEFAULT NULL, g timestamptz DEFAULT NULL, "
      "h bit(3) DEFAULT NULL, i int DEFAULT NULL, j text DEFAULT NULL::text, k varchar(5) DEFAULT NULL::varchar, "
      "m interval(2) DEFAULT NULL, q varchar(5)[] DEFAULT NULL, r varchar(4), s int DEFAULT 1);"
      "ALTER TABLE t ALTER COLUMN r SET DEFAULT NULL;"
      "ALTER TABLE t ALTER COLUMN s SET DEFAULT NULL::integer;");
  const auto t = c.table({"public", "t"});
  const auto stored = [&](const std::string& col) { return t->column(col)->default_expr.has_value(); };
  for (const std::string col : {"a", "c", "d", "f", "h", "k", "q", "r"}) EXPECT_TRUE(stored(col)) << col;
  for (const std::string col : {"b", "e", "g", "i", "j", "m", "s"}) EXPECT_FALSE(stored(col)) << col;
  // The same default as the server's text, parsed: NULL::character varying.
  EXPECT_EQ(t->column("a")->default_expr->canon, canon("NULL::character varying", "character varying(5)"));
  EXPECT_EQ(t->column("c")->default_expr->canon, canon("NULL::bpchar", "character(3)"));
  EXPECT_EQ(t->column("q")->default_expr->canon, canon("NULL::character varying[]", "character varying(5)[]"));
}

// ALTER COLUMN TYPE keeps a string literal default of the old type: the
// server shows '1970-01-01 00:00:00'::timestamp without time zone on the
// timestamptz column, not the literal read as a timestamptz.
TEST(CatalogExpr, AlterTypeKeepsTheDefaultsType) {
  Catalog altered, created;
  run(altered,
      "CREATE TABLE t (since timestamp DEFAULT '1970-01-01', n int DEFAULT 0);"
      "ALTER TABLE t ALTER COLUMN since TYPE timestamptz, ALTER COLUMN n TYPE bigint;");
  run(created, "CREATE TABLE t (since timestamptz DEFAULT '1970-01-01', n bigint DEFAULT 0);");
  const auto a = altered.table({"public", "t"}), b = created.table({"public", "t"});
  // What `miglint schema` writes, and the server reads back as it stored it.
  EXPECT_EQ(a->column("since")->default_expr->text, "'1970-01-01'::timestamp");
  EXPECT_EQ(b->column("since")->default_expr->text, "'1970-01-01'");
  EXPECT_EQ(a->column("n")->default_expr->canon, b->column("n")->default_expr->canon);
  // Back to the first type: the down restores the default (no difference).
  Catalog before;
  run(before, "CREATE TABLE t (since timestamp DEFAULT '1970-01-01', n int DEFAULT 0);");
  run(altered, "ALTER TABLE t ALTER COLUMN since TYPE timestamp, ALTER COLUMN n TYPE int;");
  EXPECT_EQ(altered.table({"public", "t"})->column("since")->default_expr->canon,
            before.table({"public", "t"})->column("since")->default_expr->canon);
}

// A view is kept as PostgreSQL stores it (pg_get_viewdef): its column
// references qualified by their FROM item, `*` expanded, a repeated output
// name and a schema the search path finds dropped. Spellings of one query
// compare equal; another query does not (checked on PostgreSQL 15 by the
// views_equivalent chain).
TEST(CatalogViews, EquivalentSpellingsCompareEqual) {
  const auto query_of = [](const std::string& view) {
    Catalog c;
    run(c, "CREATE TABLE t (a int, b int); CREATE TABLE u (id int, t_a int, name text);" + view);
    const auto v = c.view({"public", "v"});
    EXPECT_NE(v, nullptr) << view;
    return v ? v->query : ViewQuery{};
  };
  const auto same = [&](const std::string& x, const std::string& y) {
    const ViewQuery a = query_of("CREATE VIEW v AS " + x), b = query_of("CREATE VIEW v AS " + y);
    EXPECT_TRUE(a == b) << x << "\n  " << a.text() << "\nvs " << y << "\n  " << b.text();
    EXPECT_EQ(a.canon(), b.canon()) << x << " vs " << y;
  };
  const auto differ = [&](const std::string& x, const std::string& y) {
    EXPECT_FALSE(query_of("CREATE VIEW v AS " + x) == query_of("CREATE VIEW v AS " + y)) << x << " vs " << y;
  };
  same("SELECT a, b FROM t", "SELECT t.a, t.b FROM public.t");
  same("SELECT a, b FROM t", "SELECT t.a AS a, t.b FROM t");
  same("SELECT * FROM t", "SELECT t.a, t.b FROM t");
  same("SELECT a, name FROM t JOIN u ON u.t_a = a WHERE b > 0",
       "SELECT t.a, u.name FROM (public.t JOIN public.u ON ((u.t_a = t.a))) WHERE (t.b > 0)");
  same("SELECT u.*, t.* FROM t JOIN u ON u.t_a = t.a",
       "SELECT u.id, u.t_a, u.name, t.a, t.b FROM t JOIN u ON u.t_a = t.a");
  same("SELECT x.a AS a FROM (SELECT a FROM t) x", "SELECT x.a FROM (SELECT t.a FROM t) x");
  // A star moves the targets after it: theirs are rewritten first (a use
  // after free under the sanitizers otherwise).
  same("SELECT *, a AS x, (SELECT max(b) FROM t t2 WHERE t2.a = t.a) FROM t",
       "SELECT t.a, t.b, t.a AS x, (SELECT max(t2.b) AS max FROM t t2 WHERE t2.a = t.a) AS max FROM t");
  same("SELECT a FROM t x", "SELECT x.a FROM t x");
  same("SELECT sum(a) FROM t", "SELECT sum(t.a) AS sum FROM t");
  same("SELECT a, count(*) FROM t GROUP BY a", "SELECT t.a, count(*) AS count FROM t GROUP BY t.a");
  // Column aliases are the names of the query's columns.
  {
    const auto v1 = query_of("CREATE VIEW v (x, b) AS SELECT a, b FROM t");
    const auto v2 = query_of("CREATE VIEW v AS SELECT t.a AS x, t.b FROM t");
    EXPECT_TRUE(v1 == v2) << v1.text() << " vs " << v2.text();
  }
  differ("SELECT a FROM t", "SELECT b FROM t");
  differ("SELECT a AS b FROM t", "SELECT a FROM t");
  differ("SELECT * FROM t", "SELECT t.a FROM t");
  // The text shown is the stored form too.
  EXPECT_EQ(query_of("CREATE VIEW v AS SELECT * FROM public.t").text(), "SELECT t.a, t.b FROM t");
}

// A view's query is compared by its tree first: the same query written at
// another place, or with other spaces and comments, is equal without its
// canonical form; whatever the path, == agrees with the canonical forms.
TEST(CatalogViews, TreeComparisonAgreesWithTheCanonicalForm) {
  const auto query_of = [](const std::string& prefix, const std::string& view) {
    Catalog c;
    run(c, prefix + "CREATE TABLE t (a int, b int, c text);" + view);
    const auto v = c.view({"public", "v"});
    EXPECT_NE(v, nullptr) << view;
    return v ? v->query : ViewQuery{};
  };
  const std::vector<std::string> queries = {
      "SELECT a, b FROM t",
      "SELECT a,\n  b -- the two\n FROM t",
      "SELECT t.a, t.b FROM public.t",
      "SELECT a, b FROM t WHERE a > 1",
      "SELECT a, b FROM t WHERE a > 2",
      "SELECT a, b FROM t WHERE a::bigint > 1",
      "SELECT a, b FROM t WHERE CAST(a AS int8) > 1",
      "SELECT a, b FROM t WHERE c = 'x'",
      "SELECT a, b FROM t WHERE c = 'y'",
      "SELECT a, b FROM t WHERE a IN (1)",
      "SELECT a, b FROM t WHERE a = 1",
      "SELECT a, b FROM t WHERE a BETWEEN 1 AND 2",
      "SELECT a, b FROM t WHERE a >= 1 AND a <= 2",
      "SELECT a, b FROM t ORDER BY a",
      "SELECT a, b FROM t ORDER BY a DESC",
  };
  for (size_t i = 0; i < queries.size(); ++i)
    for (size_t j = 0; j < queries.size(); ++j) {
      // Padding moves every location of the second query.
      const ViewQuery x = query_of("", "CREATE VIEW v AS " + queries[i]);
      const ViewQuery y = query_of("CREATE TABLE pad (p int);", "CREATE  VIEW v AS   " + queries[j]);
      EXPECT_EQ(x == y, x.canon() == y.canon()) << queries[i] << " vs " << queries[j];
      if (i == j) EXPECT_TRUE(x == y) << queries[i];
    }
  const auto eq = [&](size_t i, size_t j) {
    return query_of("", "CREATE VIEW v AS " + queries[i]) == query_of("", "CREATE VIEW v AS " + queries[j]);
  };
  EXPECT_TRUE(eq(0, 1));
  EXPECT_TRUE(eq(0, 2));
  EXPECT_FALSE(eq(0, 3));
  EXPECT_FALSE(eq(3, 4));
  EXPECT_TRUE(eq(5, 6));   // one cast, two spellings: equal by the canonical form
  EXPECT_FALSE(eq(7, 8));  // literals differ
  EXPECT_TRUE(eq(9, 10));
  EXPECT_TRUE(eq(11, 12));
  EXPECT_FALSE(eq(13, 14));
  // Copies share the text, worked out once.
  const ViewQuery q = query_of("", "CREATE VIEW v AS SELECT * FROM t");
  const ViewQuery copy = q;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
  EXPECT_EQ(&q.text(), &copy.text());
  EXPECT_EQ(q.text(), "SELECT t.a, t.b, t.c FROM t");
}

// nextval('s') in a view names the sequence the search path found when the
// view was created: one tree, two sequences, two definitions.
TEST(CatalogViews, NextvalInAViewIsResolvedWhenTheViewIsCreated) {
  const auto query_of = [](const std::string& setup) {
    Catalog c;
    run(c, setup + "CREATE VIEW public.v AS SELECT nextval('s') AS n;");
    const auto v = c.view({"public", "v"});
    EXPECT_NE(v, nullptr) << setup;
    return v ? v->query : ViewQuery{};
  };
  const ViewQuery in_public = query_of("CREATE SEQUENCE s;");
  const ViewQuery in_a = query_of("CREATE SCHEMA a; CREATE SEQUENCE a.s; SET search_path = a, public;");
  const ViewQuery in_public_again = query_of("CREATE SCHEMA a; CREATE SEQUENCE s;");
  EXPECT_FALSE(in_public == in_a);
  EXPECT_TRUE(in_public == in_public_again);
  EXPECT_EQ(in_public.text(), in_a.text());
}

// CREATE TABLE AS: the columns are the query's; a column whose type the
// model cannot tell is left out of the comparison alone.
TEST(CatalogTableAs, ColumnsFromTheQueryAndOnlyUntypedOnesSkipped) {
  Catalog c;
  run(c,
      "CREATE TABLE s (id bigint, code varchar(20), price numeric(10,2));"
      "CREATE TABLE t AS SELECT id, code, price * 2 AS doubled, pg_backend_pid() AS pid, 'x' AS tag FROM s;");
  const auto t = c.table({"public", "t"});
  ASSERT_TRUE(t);
  std::vector<std::string> cols;
  for (const auto& col : t->columns) cols.push_back(col.name + " " + col.type);
  EXPECT_EQ(cols, (std::vector<std::string>{"id bigint", "code character varying(20)", "doubled numeric", "pid ",
                                            "tag text"}));
  for (const auto& col : t->columns) EXPECT_FALSE(col.not_null) << col.name;
  EXPECT_TRUE(c.uncertain(column_key({"public", "t"}, "pid")));
  EXPECT_FALSE(c.uncertain(table_key({"public", "t"})));

  const Slice before = c.slice_all();
  const auto skip = [&](const std::string& k) { return c.uncertain(k); };
  // Re-created with any type for pid: the same; another type for code: not.
  run(c, "DROP TABLE t; CREATE TABLE t (id bigint, code varchar(20), doubled numeric, pid integer, tag text);");
  EXPECT_TRUE(diff(before, c.slice_all(), skip).empty());
  run(c, "DROP TABLE t; CREATE TABLE t (id bigint, code text, doubled numeric, pid integer, tag text);");
  const auto d = diff(before, c.slice_all(), skip);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "column code on public.t: type character varying(20) → text");
}

// A DO block's statements are applied where the model can tell they run,
// and the whole block is undone when one of them fails.
TEST(CatalogDoBlock, RunsWhatItRunsForCertain) {
  Catalog c;
  run(c, "CREATE TABLE t (id int);");
  auto a = run(c,
               "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' "
               "AND column_name = 'x') THEN EXECUTE 'ALTER TABLE t ADD COLUMN x int'; END IF; END $$;");
  EXPECT_FALSE(a.has("unmodeled-statement"));
  EXPECT_TRUE(c.table({"public", "t"})->column("x"));
  // The guard is false now: nothing happens.
  a = run(
      c, "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'nope') THEN DROP TABLE t; END IF; END $$;");
  EXPECT_TRUE(a.issues.empty());
  EXPECT_TRUE(c.table({"public", "t"}));
  // A lookup without a schema matches any schema, as the catalog does.
  run(c, "CREATE SCHEMA other; CREATE TABLE other.o (id int); CREATE INDEX o_idx ON other.o (id);");
  a = run(c,
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'o_idx') THEN "
          "CREATE INDEX o_idx ON t (id); END IF; END $$;");
  EXPECT_TRUE(a.issues.empty());
  EXPECT_FALSE(c.index({"public", "o_idx"}));
  // One failing statement undoes the block.
  a = run(c, "DO $$ BEGIN ALTER TABLE t ADD COLUMN y int; DROP TABLE missing; END $$;");
  EXPECT_TRUE(a.has("unknown-object"));
  EXPECT_FALSE(c.table({"public", "t"})->column("y"));
  // A handler that catches the failure undoes its block only.
  a = run(c,
          "DO $$ BEGIN ALTER TABLE t ADD COLUMN z int; BEGIN DROP TABLE missing; "
          "EXCEPTION WHEN undefined_table THEN NULL; END; END $$;");
  EXPECT_TRUE(a.issues.empty());
  EXPECT_TRUE(c.table({"public", "t"})->column("z"));
  // … and what the undone part did is no effect of the statement.
  a = run(c,
          "DO $$ BEGIN BEGIN ALTER TABLE t ADD COLUMN gone int; DROP TABLE missing; "
          "EXCEPTION WHEN others THEN NULL; END; END $$;");
  EXPECT_TRUE(a.issues.empty());
  EXPECT_FALSE(c.table({"public", "t"})->column("gone"));
  for (const auto& e : a.effects) EXPECT_NE(e.object.member, "gone");
  // EXECUTE of several statements in one string runs them all on the
  // server: not followed, and not a syntax error; one that does not parse is.
  a = run(c, "DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD COLUMN v int; SELECT 1'; END $$;");
  EXPECT_TRUE(a.has("unmodeled-statement"));
  EXPECT_FALSE(a.has("syntax-error"));
  a = run(c, "DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD COLUMN'; END $$;");
  EXPECT_TRUE(a.has("syntax-error"));
  // Nested: EXECUTE of a DO block.
  a = run(c, "DO $a$ BEGIN EXECUTE 'DO $b$ BEGIN ALTER TABLE t ADD COLUMN w int; END $b$'; END $a$;");
  EXPECT_TRUE(a.issues.empty());
  EXPECT_TRUE(c.table({"public", "t"})->column("w"));
  // A part it does not follow leaves only what that part names unsure: the
  // rest of the block is run and stays judged.
  Catalog d;
  run(d, "CREATE TABLE t (id int); CREATE TABLE other (id int);");
  a = run(d,
          "DO $$ BEGIN ALTER TABLE t ADD COLUMN u int; "
          "IF (SELECT count(*) FROM other) > 0 THEN EXECUTE format('ALTER TABLE %I ADD COLUMN n int', 'other'); "
          "END IF; END $$;");
  EXPECT_TRUE(a.has("unmodeled-statement"));
  EXPECT_TRUE(d.table({"public", "t"})->column("u"));
  EXPECT_FALSE(d.uncertain(table_key({"public", "t"})));
  EXPECT_TRUE(d.uncertain(table_key({"public", "other"})));
  EXPECT_TRUE(run(d, "ALTER TABLE t DROP COLUMN missing;").has("unknown-object"));
  EXPECT_FALSE(run(d, "ALTER TABLE other DROP COLUMN n;").has("unknown-object"));
  // A condition on data with two live branches: not followed.
  a = run(c, "DO $$ BEGIN IF (SELECT count(*) FROM t) > 0 THEN DROP TABLE t; END IF; END $$;");
  EXPECT_TRUE(a.has("unmodeled-statement"));
}

// What a statement the model cannot follow may change is left out part by
// part: the rest of the table is still compared (docs/MODEL-AGREEMENT.md).
TEST(CatalogUnsure, OnlyThePartsAStatementCanChangeAreLeftOut) {
  Catalog c;
  run(c,
      "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE SCHEMA elsewhere;"
      "CREATE TABLE src (id int PRIMARY KEY, name text, email text);"
      "CREATE INDEX src_lower_email ON src (lower(email));"
      "CREATE TABLE people (id int PRIMARY KEY, feeling mood DEFAULT 'ok' CHECK (feeling <> 'sad'), note text,"
      " age int);"
      "CREATE INDEX people_feeling ON people (feeling);"
      "CREATE TABLE copy (LIKE src INCLUDING INDEXES);"
      "ALTER TYPE mood SET SCHEMA elsewhere;");
  const QName copy{"public", "copy"}, people{"public", "people"};
  // LIKE … INCLUDING INDEXES of an expression index: only the indexes.
  EXPECT_TRUE(c.uncertain(indexes_key(copy)));
  EXPECT_FALSE(c.uncertain(table_key(copy)));
  // A type its columns use moved: those columns' definitions, the
  // constraints that read them and the table's indexes.
  EXPECT_TRUE(c.uncertain(column_def_key(people, "feeling")));
  EXPECT_FALSE(c.uncertain(column_def_key(people, "note")));
  EXPECT_TRUE(c.uncertain(constraint_key(people, "people_feeling_check")));
  EXPECT_FALSE(c.uncertain(constraint_key(people, "people_pkey")));
  EXPECT_TRUE(c.uncertain(indexes_key(people)));
  EXPECT_FALSE(c.uncertain(table_key(people)));

  const Slice before = c.slice_all();
  const auto skip = [&](const std::string& k) { return c.uncertain(k); };
  // The parts left out may differ ...
  run(c,
      "DROP TABLE people;"
      "CREATE TABLE people (id int PRIMARY KEY, feeling text CHECK (feeling <> ''), note text, age int);"
      "DROP TABLE copy; CREATE TABLE copy (id int NOT NULL PRIMARY KEY, name text, email text);");
  for (const auto& x : diff(before, c.slice_all(), skip)) ADD_FAILURE() << x.str();
  // ... the rest is compared: a column back at the end is found.
  run(c,
      "ALTER TABLE people DROP COLUMN note; ALTER TABLE people ADD COLUMN note text;"
      "ALTER TABLE copy DROP COLUMN name; ALTER TABLE copy ADD COLUMN name text;");
  const auto d = diff(before, c.slice_all(), skip);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].str(), "table public.copy: column order id, name, email → id, email, name");
  EXPECT_EQ(d[1].str(), "table public.people: column order id, feeling, note, age → id, feeling, age, note");
}

// ALTER COLUMN TYPE beside a view the model cannot resolve (PostgreSQL
// refuses it if the view reads the column): that column alone when it is
// the statement's only change, the whole table when the statement does more.
TEST(CatalogUnsure, AlterTypeBesideAnOpaqueViewLeavesOutTheColumn) {
  Catalog c;
  run(c,
      "CREATE TABLE a (id int, code varchar(10), note text); CREATE TABLE b (id int, code varchar(10));"
      "CREATE FUNCTION f() RETURNS TABLE (id int) LANGUAGE sql AS $$ SELECT 1 $$;"
      "CREATE VIEW va AS SELECT id FROM a NATURAL JOIN f() x; CREATE VIEW vb AS SELECT id FROM b NATURAL JOIN f() x;"
      "ALTER TABLE a ALTER COLUMN code TYPE varchar(20);"
      "ALTER TABLE b ALTER COLUMN code TYPE varchar(20), ADD COLUMN more int;");
  EXPECT_TRUE(c.uncertain(column_def_key({"public", "a"}, "code")));
  EXPECT_FALSE(c.uncertain(column_def_key({"public", "a"}, "note")));
  EXPECT_FALSE(c.uncertain(table_key({"public", "a"})));
  EXPECT_TRUE(c.uncertain(table_key({"public", "b"})));
}

// Moving a sequence (alone or with its table) changes how the defaults
// naming it print, and renaming a trigger's function how the trigger
// prints: those are left out, the tables' other parts are not.
TEST(CatalogUnsure, MovedSequencesAndRenamedFunctionsLeaveOutWhatNamesThem) {
  Catalog c;
  run(c,
      "CREATE SCHEMA other; CREATE TABLE t (id serial, note text);"
      "CREATE SEQUENCE s2; CREATE TABLE u (n int DEFAULT nextval('s2'), x text);"
      "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
      "CREATE TRIGGER tr BEFORE INSERT ON u FOR EACH ROW EXECUTE FUNCTION trg();"
      "ALTER SEQUENCE s2 SET SCHEMA other; ALTER TABLE t SET SCHEMA other; ALTER FUNCTION trg() RENAME TO trg2;");
  const QName t{"other", "t"}, u{"public", "u"};
  EXPECT_TRUE(c.uncertain(column_def_key(u, "n")));
  EXPECT_FALSE(c.uncertain(column_def_key(u, "x")));
  EXPECT_TRUE(c.uncertain(trigger_key(u, "tr")));
  EXPECT_FALSE(c.uncertain(table_key(u)));
  EXPECT_TRUE(c.uncertain(column_def_key(t, "id")));
  EXPECT_FALSE(c.uncertain(column_def_key(t, "note")));
  EXPECT_FALSE(c.uncertain(table_key(t)));
}
