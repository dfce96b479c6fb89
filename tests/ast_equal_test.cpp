// pgmeta::equal (generated from pg_query.proto): two trees are equal when
// every field but the byte offsets into the source is, at every level.
#include <gtest/gtest.h>
#include <pg_query/pg_ast_meta.h>
#include <pg_query/pg_query.pb.h>

#include <google/protobuf/arena.h>

#include <string>
#include <vector>

#include "analyzer/ast/parse.h"

namespace {

using miglint::pgmeta::MsgType;

bool same(const std::string& a, const std::string& b) {
  google::protobuf::Arena arena;
  const pg_query::Node* x = miglint::parse_single_statement(a, arena);
  const pg_query::Node* y = miglint::parse_single_statement(b, arena);
  EXPECT_NE(x, nullptr) << a;
  EXPECT_NE(y, nullptr) << b;
  if (!x || !y) return false;
  const bool eq = miglint::pgmeta::equal(*x, *y, MsgType::Node);
  EXPECT_EQ(eq, miglint::pgmeta::equal(*y, *x, MsgType::Node)) << a << " vs " << b;
  return eq;
}

}  // namespace

TEST(AstEqual, OffsetsAsideEveryFieldCounts) {
  // Spaces, comments and line breaks move every location.
  EXPECT_TRUE(same("SELECT a, b FROM t WHERE a > 1", "SELECT   a,\n b -- x\n FROM /* y */ t WHERE a>1"));
  EXPECT_TRUE(same("CREATE VIEW v AS SELECT 1", "CREATE VIEW v AS SELECT 1"));
  const std::vector<std::pair<std::string, std::string>> differ = {
      {"SELECT a FROM t", "SELECT b FROM t"},                             // a string
      {"SELECT a FROM t", "SELECT a FROM s.t"},                           // a string set on one side only
      {"SELECT a FROM t", "SELECT a, b FROM t"},                          // a list's length
      {"SELECT a FROM t ORDER BY a", "SELECT a FROM t ORDER BY a DESC"},  // an enum
      {"SELECT a FROM t", "SELECT DISTINCT a FROM t"},                    // a list present on one side
      {"SELECT 1", "SELECT 2"},                                           // an integer in a oneof
      {"SELECT 1", "SELECT '1'"},                                         // the oneof's case
      {"SELECT 1.5", "SELECT 1.50"},                                      // a float's text
      {"SELECT true", "SELECT false"},                                    // a boolean
      {"SELECT a FROM t", "SELECT a FROM t WHERE a"},                     // a message on one side only
      {"SELECT a FROM t UNION SELECT a FROM t", "SELECT a FROM t UNION ALL SELECT a FROM t"},  // a bool field
      {"CREATE VIEW v AS SELECT 1", "CREATE OR REPLACE VIEW v AS SELECT 1"},
      {"SELECT a FROM t", "DELETE FROM t"},  // the node's kind
  };
  for (const auto& [a, b] : differ) EXPECT_FALSE(same(a, b)) << a << " vs " << b;
}

// A copy is equal to its original; a change anywhere deep in it is seen.
TEST(AstEqual, ADeepChangeIsSeen) {
  std::string q = "SELECT 1";
  for (int i = 0; i < 200; ++i) q = std::string("SELECT (").append(q).append(") AS x").append(std::to_string(i));
  google::protobuf::Arena arena;
  const pg_query::Node* x = miglint::parse_single_statement(q, arena);
  ASSERT_NE(x, nullptr);
  pg_query::Node copy = *x;
  EXPECT_TRUE(miglint::pgmeta::equal(*x, copy, MsgType::Node));
  const std::string changed = q.substr(0, q.find("SELECT 1")) + "SELECT 2" + q.substr(q.find("SELECT 1") + 8);
  const pg_query::Node* y = miglint::parse_single_statement(changed, arena);
  ASSERT_NE(y, nullptr);
  EXPECT_FALSE(miglint::pgmeta::equal(*x, *y, MsgType::Node));
}
