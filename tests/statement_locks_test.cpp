// statement_locks: one lock per relation, the strongest mode and work of its
// mentions, in the order relations are first named; a few relations are
// found by a scan and many through an index, with the same result.
#include <gtest/gtest.h>

#include <google/protobuf/arena.h>

#include <string>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

std::vector<TableLock> locks_of(const std::string& sql) {
  google::protobuf::Arena arena;
  const pg_query::Node* n = parse_single_statement(sql, arena);
  if (!n) {
    ADD_FAILURE() << "does not parse: " << sql;
    return {};
  }
  return statement_locks(*n, 18);
}

std::string names(const std::vector<TableLock>& locks) {
  std::string out;
  for (const auto& l : locks) out += (out.empty() ? "" : ",") + l.relname + (l.is_index ? "[i]" : "");
  return out;
}

TEST(StatementLocks, SubcommandsOnOneTableMergeIntoItsStrongestLockAndWork) {
  const auto locks = locks_of("ALTER TABLE t ADD COLUMN a bigint, ALTER COLUMN b TYPE text");
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].relname, "t");
  EXPECT_EQ(locks[0].mode, LockMode::AccessExclusive);
  EXPECT_EQ(locks[0].work, TableWork::Rewrite);
}

TEST(StatementLocks, RelationsNamedAgainAreLockedOnceInFirstSeenOrder) {
  // A few names (scanned) and many (indexed), each with repeats before and
  // after the list outgrows the scan.
  for (const int count : {3, 8, 9, 10, 40, 5000}) {
    std::string sql = "LOCK TABLE ";
    std::string want;
    for (int i = 0; i < count; ++i) {
      sql += "t" + std::to_string(i) + ", ";
      want += (i ? ",t" : "t") + std::to_string(i);
      if (i % 3 == 2) sql += "t" + std::to_string(i / 2) + ", s.t" + std::to_string(i) + ", ";
    }
    sql += "t0 IN SHARE MODE";
    const auto locks = locks_of(sql);
    EXPECT_EQ(names(locks), want) << count;
    for (const auto& l : locks) EXPECT_EQ(l.mode, LockMode::Share) << count << " " << l.relname;
  }
}

TEST(StatementLocks, IndexesNamedAgainAreLockedOnceToo) {
  std::string sql = "DROP INDEX ";
  for (int i = 0; i < 12; ++i) sql += (i ? ", i" : "i") + std::to_string(i % 10);
  const auto locks = locks_of(sql);
  ASSERT_EQ(locks.size(), 10u);
  for (const auto& l : locks) EXPECT_TRUE(l.is_index) << l.relname;
  EXPECT_EQ(names(locks_of("TRUNCATE a, b, a")), "a,b");
}

}  // namespace
}  // namespace miglint
