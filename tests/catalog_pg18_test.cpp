// The schema model when the migrations target PostgreSQL 18 (pg_version =
// 18): named NOT NULL constraints, NOT VALID ones, SET EXPRESSION, MERGE
// (docs/PG18_FACTS.md, where each answer was checked on a PostgreSQL 18 server).
#include <gtest/gtest.h>

#include "analyzer/ast/pg_compat.h"
#include "analyzer/catalog/diff.h"
#include "analyzer/effects/apply.h"
#include "tests/fixture_support.h"

using namespace miglint;
using namespace miglint::catalog;

namespace {

using miglint::testing::Applied;
Applied run(Catalog& c, const std::string& sql) { return miglint::testing::apply_sql(c, sql); }

Catalog at(int pg_version) {
  Catalog c;
  c.set_pg_version(pg_version);
  return c;
}

// Column name -> NOT NULL constraint name ("" when nullable), "!" appended when NOT VALID.
std::map<std::string, std::string> not_nulls(const Catalog& c, const std::string& table) {
  std::map<std::string, std::string> out;
  for (const auto& col : c.table({"public", table})->columns)
    out[col.name] = col.not_null ? col.not_null_name.str() + (col.not_null_invalid ? "!" : "") : "";
  return out;
}

#define REQUIRE_GRAMMAR_18() \
  if (pgc::kGrammarMajor < 18) GTEST_SKIP() << "needs the PostgreSQL 18 grammar"

}  // namespace

TEST(CatalogPg18, ImplicitNotNullNames) {
  Catalog c = at(18);
  auto a = run(c,
               "CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int, c int CONSTRAINT c_named NOT NULL,"
               " s serial, i int GENERATED ALWAYS AS IDENTITY);");
  EXPECT_EQ(a.rules(), "");
  EXPECT_EQ(not_nulls(c, "t"), (std::map<std::string, std::string>{{"id", "t_id_not_null"},
                                                                   {"a", "t_a_not_null"},
                                                                   {"b", ""},
                                                                   {"c", "c_named"},
                                                                   {"s", "t_s_not_null"},
                                                                   {"i", "t_i_not_null"}}));
  // A name taken by any constraint of the schema gets a number.
  run(c, "CREATE TABLE other (q int CONSTRAINT v_a_not_null CHECK (q > 0)); CREATE TABLE v (a int NOT NULL);");
  EXPECT_EQ(not_nulls(c, "v").at("a"), "v_a_not_null1");
  // Truncated to 63 bytes like every implicit name.
  const std::string tn(62, 'a'), cn(63, 'b');
  run(c, "CREATE TABLE " + tn + " (" + cn + " int NOT NULL);");
  EXPECT_EQ(not_nulls(c, tn).at(cn), std::string(27, 'a') + "_" + std::string(26, 'b') + "_not_null");
  // Before 18 there is no such constraint.
  Catalog old = at(15);
  run(old, "CREATE TABLE t (id int PRIMARY KEY, c int CONSTRAINT c_named NOT NULL);");
  EXPECT_EQ(not_nulls(old, "t"), (std::map<std::string, std::string>{{"id", ""}, {"c", ""}}));
  EXPECT_TRUE(old.table({"public", "t"})->column("c")->not_null);
  EXPECT_NE(run(old, "ALTER TABLE t DROP CONSTRAINT c_named;").rules().find("unknown-object"), std::string::npos);
}

TEST(CatalogPg18, NamesSurviveRenamesAndGoWithTheConstraint) {
  Catalog c = at(18);
  run(c, "CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int);");
  EXPECT_EQ(run(c,
                "ALTER TABLE t RENAME COLUMN a TO a2; ALTER TABLE t RENAME TO t2; ALTER TABLE t2 RENAME TO t;"
                "ALTER TABLE t ALTER b SET NOT NULL;")
                .rules(),
            "");
  EXPECT_EQ(not_nulls(c, "t"), (std::map<std::string, std::string>{
                                   {"id", "t_id_not_null"}, {"a2", "t_a_not_null"}, {"b", "t_b_not_null"}}));
  EXPECT_EQ(run(c, "ALTER TABLE t RENAME CONSTRAINT t_b_not_null TO b_required;").rules(), "");
  EXPECT_EQ(not_nulls(c, "t").at("b"), "b_required");
  EXPECT_NE(run(c, "ALTER TABLE t RENAME CONSTRAINT b_required TO t_pkey;").rules().find("duplicate-object"),
            std::string::npos);
  // Dropping the constraint makes the column nullable; DROP NOT NULL drops it.
  EXPECT_EQ(run(c, "ALTER TABLE t DROP CONSTRAINT t_a_not_null; ALTER TABLE t ALTER b DROP NOT NULL;").rules(), "");
  EXPECT_EQ(not_nulls(c, "t"), (std::map<std::string, std::string>{{"id", "t_id_not_null"}, {"a2", ""}, {"b", ""}}));
  EXPECT_EQ(run(c, "ALTER TABLE t DROP CONSTRAINT t_id_not_null;").rules(),
            "dependent-objects: column \"id\" is in a primary key\n");
  run(c, "CREATE TABLE idt (i int GENERATED ALWAYS AS IDENTITY);");
  EXPECT_NE(run(c, "ALTER TABLE idt DROP CONSTRAINT idt_i_not_null;").rules().find("is an identity column"),
            std::string::npos);
  EXPECT_NE(run(c, "ALTER TABLE t DROP CONSTRAINT t_a_not_null;").rules().find("unknown-object"), std::string::npos);
}

TEST(CatalogPg18, NotNullConstraintSyntax) {
  REQUIRE_GRAMMAR_18();
  Catalog c = at(18);
  EXPECT_EQ(run(c, "CREATE TABLE w (a int, b int, NOT NULL a); ALTER TABLE w ADD CONSTRAINT b_nn NOT NULL b NOT VALID;")
                .rules(),
            "");
  EXPECT_EQ(not_nulls(c, "w"), (std::map<std::string, std::string>{{"a", "w_a_not_null"}, {"b", "b_nn!"}}));
  run(c, "ALTER TABLE w VALIDATE CONSTRAINT b_nn;");
  EXPECT_EQ(not_nulls(c, "w").at("b"), "b_nn");
  // SET NOT NULL validates a NOT VALID one.
  run(c, "ALTER TABLE w ADD COLUMN x int; ALTER TABLE w ADD CONSTRAINT x_nn NOT NULL x NOT VALID;");
  EXPECT_EQ(not_nulls(c, "w").at("x"), "x_nn!");
  run(c, "ALTER TABLE w ALTER x SET NOT NULL;");
  EXPECT_EQ(not_nulls(c, "w").at("x"), "x_nn");
  // One NOT NULL constraint per column; a missing column.
  EXPECT_NE(run(c, "ALTER TABLE w ADD CONSTRAINT other_nn NOT NULL x;").rules().find("duplicate-object"),
            std::string::npos);
  EXPECT_EQ(run(c, "ALTER TABLE w ADD CONSTRAINT nope NOT NULL zz;").rules(),
            "unknown-object: column \"zz\" of relation \"w\" does not exist\n");
  // A CHECK of the same table may not take a NOT NULL constraint's name;
  // another table's may (a name is unique per table).
  EXPECT_EQ(run(c, "ALTER TABLE w ADD CONSTRAINT w_a_not_null CHECK (b > 0);").rules(),
            "duplicate-object: constraint \"w_a_not_null\" for relation \"w\" already exists\n");
  EXPECT_EQ(run(c, "CREATE TABLE y (q int CONSTRAINT w_a_not_null CHECK (q > 0));").rules(), "");
}

TEST(CatalogPg18, ADownThatRestoresNotNullUnderAnotherNameDiffers) {
  Catalog c = at(18);
  run(c, "CREATE TABLE t (a int CONSTRAINT a_required NOT NULL);");
  const auto before = c.slice_all();
  run(c, "ALTER TABLE t DROP CONSTRAINT a_required; ALTER TABLE t ALTER a SET NOT NULL;");
  const auto d = diff(before, c.slice_all());
  ASSERT_EQ(d.size(), 1U);
  EXPECT_NE(d[0].str().find("a_required"), std::string::npos) << d[0].str();
  EXPECT_NE(d[0].str().find("t_a_not_null"), std::string::npos) << d[0].str();
}

TEST(CatalogPg18, SetExpressionAndMerge) {
  if (pgc::kGrammarMajor < 17) GTEST_SKIP() << "needs the PostgreSQL 17 grammar";
  Catalog c = at(18);
  auto a = run(
      c,
      "CREATE TABLE g (a int, s int GENERATED ALWAYS AS (a + 1) STORED);"
      "ALTER TABLE g ALTER s SET EXPRESSION AS (a + 2);"
      "MERGE INTO g USING (SELECT 1 AS a) src ON g.a = src.a WHEN NOT MATCHED THEN INSERT (a) VALUES (src.a);");
  EXPECT_EQ(a.rules(), "");
  EXPECT_TRUE(a.unmodeled().empty());
  EXPECT_EQ(c.table({"public", "g"})->column("s")->generated->text, "a + 2");
}
