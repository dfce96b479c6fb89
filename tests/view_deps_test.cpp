// What views depend on (catalog/view_deps.h) where a real server cannot tell
// the model's answer apart: names the model cannot resolve, and the
// dependencies views keep through renames. Agreement with PostgreSQL on
// resolvable shapes is tools/view-deps-check (CTest pg_view_deps).
#include <gtest/gtest.h>

#include "analyzer/catalog/diff.h"
#include "analyzer/catalog/view_deps.h"
#include "analyzer/effects/apply.h"

using namespace miglint;
using namespace miglint::catalog;

namespace {

std::vector<effects::Issue> run(Catalog& c, const std::string& sql) {
  auto pf = parse_file(std::make_shared<SourceFile>("t.sql", sql));
  EXPECT_TRUE(pf.diagnostics.empty()) << sql;
  std::vector<effects::Issue> issues;
  for (const auto& s : pf.statements) {
    auto r = effects::apply_statement(c, pf, s);
    issues.insert(issues.end(), r.issues.begin(), r.issues.end());
  }
  return issues;
}

bool refused(const std::vector<effects::Issue>& issues) {
  for (const auto& i : issues)
    if (i.rule == "dependent-objects") return true;
  return false;
}

std::string use(const std::string& table, const std::string& col) {
  return column_use_key(table_key({"public", table}), col);
}

}  // namespace

TEST(ViewDeps, ResolvedNamesOnly) {
  Catalog c;
  run(c,
      "CREATE TABLE post (id int, name text); CREATE TABLE user_ (id int, name text);"
      "CREATE VIEW v AS SELECT p.id, (SELECT name FROM user_ u WHERE u.id = p.id) AS who FROM post p;");
  const auto v = c.view({"public", "v"});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->column_uses, (std::set<std::string>{use("post", "id"), use("user_", "id"), use("user_", "name")}));
  EXPECT_EQ(v->output, (std::vector<std::string>{"id", "who"}));
  EXPECT_TRUE(v->resolved && v->output_known);
  EXPECT_EQ(v->uses, (std::set<std::string>{table_key({"public", "post"}), table_key({"public", "user_"})}));
}

TEST(ViewDeps, UnknownColumnsAreNotJudged) {
  Catalog c;
  // external_table is not in the model: name may be its column, not post's.
  run(c,
      "CREATE TABLE post (id int, name text);"
      "CREATE VIEW v AS SELECT (SELECT max(name) FROM external_table) AS n FROM post;");
  EXPECT_FALSE(c.view({"public", "v"})->resolved);
  EXPECT_TRUE(c.view({"public", "v"})->column_uses.empty());
  EXPECT_FALSE(refused(run(c, "ALTER TABLE post ALTER COLUMN name TYPE varchar(10);")));
  // PostgreSQL may have refused it: the column's definition is unsure, the
  // rest of the table is not.
  EXPECT_TRUE(c.uncertain(column_def_key({"public", "post"}, "name")));
  EXPECT_FALSE(c.uncertain(table_key({"public", "post"})));
  EXPECT_FALSE(refused(run(c, "ALTER TABLE post DROP COLUMN name;")));
  EXPECT_TRUE(c.uncertain(view_key({"public", "v"}))) << "CASCADE or not, the view may be gone";

  // CREATE TABLE AS over a relation whose columns the model does not know
  // has columns it does not know: * over it is not known.
  Catalog d;
  run(d, "CREATE TABLE t AS SELECT * FROM external_table; CREATE VIEW w AS SELECT * FROM t;");
  EXPECT_FALSE(d.view({"public", "w"})->resolved);
  EXPECT_FALSE(d.view({"public", "w"})->output_known);
  // A view on such a view resolves nothing through it either.
  run(d, "CREATE VIEW w2 AS SELECT a FROM w;");
  EXPECT_FALSE(d.view({"public", "w2"})->resolved);
  // Over what it knows, its columns are the query's, and a view reads them.
  Catalog e;
  run(e, "CREATE TABLE t AS SELECT 1 AS a, 'x' AS b; CREATE VIEW w AS SELECT * FROM t;");
  EXPECT_TRUE(e.view({"public", "w"})->resolved);
  EXPECT_EQ(e.view({"public", "w"})->output, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(e.view({"public", "w"})->column_uses.count(use("t", "b")));
}

TEST(ViewDeps, QualifiedNamesStayResolvedBesideUnknownRelations) {
  Catalog c;
  run(c,
      "CREATE TABLE post (id int, name text);"
      "CREATE VIEW v AS SELECT p.name, e.anything FROM post p, external_table e;");
  const auto v = c.view({"public", "v"});
  EXPECT_TRUE(v->column_uses.count(use("post", "name")));
  EXPECT_TRUE(refused(run(c, "ALTER TABLE post ALTER COLUMN name TYPE varchar(10);")));
}

TEST(ViewDeps, RenamesKeepDependencies) {
  Catalog c;
  run(c,
      "CREATE TABLE post (id int, name text); CREATE VIEW v AS SELECT name FROM post;"
      "CREATE VIEW v2 AS SELECT name FROM v;");
  run(c, "ALTER TABLE post RENAME COLUMN name TO title; ALTER TABLE post ADD COLUMN name text;");
  EXPECT_FALSE(refused(run(c, "ALTER TABLE post ALTER COLUMN name TYPE varchar(10);")))
      << "the new column of the old name is not the one the view reads";
  EXPECT_TRUE(refused(run(c, "ALTER TABLE post ALTER COLUMN title TYPE varchar(10);")));

  run(c, "ALTER TABLE post RENAME TO article; CREATE TABLE post (id int);");
  EXPECT_FALSE(refused(run(c, "DROP TABLE post;")));
  EXPECT_TRUE(refused(run(c, "DROP TABLE article;")));

  run(c, "ALTER VIEW v RENAME TO v_old; CREATE VIEW v AS SELECT 1 AS one;");
  EXPECT_FALSE(refused(run(c, "DROP VIEW v;")));
  EXPECT_TRUE(refused(run(c, "DROP VIEW v_old;")));
}

TEST(ViewDeps, CteHidesTheTable) {
  Catalog c;
  run(c,
      "CREATE TABLE post (id int, name text); CREATE TABLE user_ (id int, name text);"
      "CREATE VIEW v AS WITH post AS (SELECT id, name FROM user_) SELECT name FROM post;");
  EXPECT_FALSE(refused(run(c, "DROP TABLE post;"))) << "the view reads the CTE, not the table";
  EXPECT_TRUE(refused(run(c, "DROP TABLE user_;")));
}

TEST(ViewDeps, DeepQueriesAreNotResolved) {
  Catalog c;
  run(c, "CREATE TABLE t (a int);");
  std::string q = "a";
  for (int i = 0; i < 600; ++i) q = "(SELECT " + q + ")";
  run(c, "CREATE VIEW v AS SELECT " + q + " AS x FROM t;");
  ASSERT_TRUE(c.view({"public", "v"}));
  EXPECT_FALSE(c.view({"public", "v"})->resolved);
}
