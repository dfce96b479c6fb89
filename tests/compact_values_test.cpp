// The compact value types of the schema model and the audit's summary store
// behave as the standard containers they replace.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "analyzer/catalog/catalog.h"
#include "analyzer/catalog/compact.h"
#include "analyzer/replay/summary_store.h"

using miglint::catalog::NameSet;
using miglint::catalog::RareText;
using miglint::effects::SummaryStore;

TEST(RareText, BehavesAsAString) {
  RareText t;
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.str(), "");
  EXPECT_TRUE(t == "");
  t = std::string("en_US");
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.size(), 5u);
  EXPECT_TRUE(t == "en_US");
  EXPECT_TRUE(t != RareText("C"));
  RareText copy = t;  // a copy owns its text
  t = "C";
  EXPECT_EQ(copy.str(), "en_US");
  EXPECT_EQ(t.str(), "C");
  EXPECT_EQ("sequence:" + copy, "sequence:en_US");
  EXPECT_EQ(copy + "!", "en_US!");
  EXPECT_EQ(fmt::format("[{}]", copy), "[en_US]");
  t = "";  // the empty text is no text
  EXPECT_TRUE(t.empty());
  EXPECT_TRUE(t == RareText());
  copy.clear();
  EXPECT_TRUE(copy.empty());
}

TEST(RareText, ColumnsCompareByText) {
  miglint::catalog::Column a, b;
  a.collation = "C";
  b.collation = std::string("C");
  EXPECT_EQ(a.collation, b.collation);
  b.collation = "POSIX";
  EXPECT_NE(a.collation, b.collation);
  miglint::catalog::IndexKey x, y;
  x.opclass = "text_pattern_ops";
  EXPECT_FALSE(x == y);
  y.opclass = "text_pattern_ops";
  EXPECT_TRUE(x == y);
}

TEST(NameSet, MatchesStdSet) {
  std::mt19937 rng(7);
  NameSet names;
  std::set<std::string> expected;
  for (int i = 0; i < 2000; ++i) {
    const std::string n = "c" + std::to_string(rng() % 97);
    switch (rng() % 3) {
      case 0: EXPECT_EQ(names.insert(n).second, expected.insert(n).second) << n; break;
      case 1: EXPECT_EQ(names.erase(n), expected.erase(n)) << n; break;
      default: EXPECT_EQ(names.count(n), expected.count(n)) << n;
    }
    ASSERT_EQ(names.size(), expected.size());
  }
  EXPECT_TRUE(std::equal(names.begin(), names.end(), expected.begin(), expected.end()));
  const std::vector<std::string> more = {"z", "a", "z", "c5"};
  names.insert(more.begin(), more.end());
  expected.insert(more.begin(), more.end());
  EXPECT_TRUE(std::equal(names.begin(), names.end(), expected.begin(), expected.end()));
  NameSet copy = names;
  EXPECT_TRUE(copy == names);
  copy.erase("z");
  EXPECT_FALSE(copy == names);
  names.clear();
  EXPECT_TRUE(names.empty());
}

TEST(SummaryStore, FirstSummaryOfAVersionWins) {
  SummaryStore s;
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.find("1"));
  s.add("1", "creates table a");
  s.add("1", "creates table b");
  s.add("2", "");
  EXPECT_EQ(s.find("1"), "creates table a");
  EXPECT_TRUE(s.contains("2"));
  EXPECT_EQ(s.find("2"), "");
  EXPECT_FALSE(s.contains("3"));
  s.add("3", "drops table a");  // added after a lookup
  EXPECT_EQ(s.find("3"), "drops table a");
}

TEST(SummaryStore, ManyBlocksInAnyOrder) {
  // Versions in apply order are not in text order ("9" before "10"), and a
  // large folder's summaries span many compressed blocks.
  SummaryStore s;
  const auto text = [](int v) {
    return "creates table t" + std::to_string(v) + std::string(static_cast<size_t>(v % 50), 'x');
  };
  const int n = 20000;
  for (int v = 1; v <= n; ++v) s.add(std::to_string(v), text(v));
  for (int v = 1; v <= n; ++v) ASSERT_EQ(s.find(std::to_string(v)), text(v)) << v;
  for (int v = n; v >= 1; v -= 7) ASSERT_EQ(s.find(std::to_string(v)), text(v)) << v;
  EXPECT_FALSE(s.find("0"));
  EXPECT_FALSE(s.find(std::to_string(n + 1)));
}
