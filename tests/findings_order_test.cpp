// Symbols (texts kept once per process) and the last step of an analysis,
// which orders the findings in place and applies suppressions file by file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <unordered_set>

#include "analyzer/engine/runner.h"
#include "analyzer/source/symbol.h"

namespace fs = std::filesystem;
using namespace miglint;

TEST(Symbol, EqualTextsShareOneAddress) {
  const std::string text = "require-lock-timeout";
  const Symbol a = text;
  const Symbol b = text.c_str();  // another spelling of the same text
  EXPECT_EQ(a.address(), b.address());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, "require-lock-timeout");
  EXPECT_EQ(a, text);
  EXPECT_NE(a, Symbol("require-lock-timeout2"));
  EXPECT_NE(a.address(), Symbol("require-lock-timeout2").address());
  EXPECT_EQ(a.str(), text);
  EXPECT_EQ(fmt::format("[{}]", a), "[require-lock-timeout]");
  EXPECT_EQ("rule " + a, "rule require-lock-timeout");
}

TEST(Symbol, EmptyIsNullAndEqualToEveryEmpty) {
  const Symbol none;
  const Symbol empty = std::string();
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none, empty);
  EXPECT_EQ(none.address(), nullptr);
  EXPECT_EQ(none.str(), "");
  EXPECT_EQ(std::hash<Symbol>()(none), std::hash<Symbol>()(empty));
}

TEST(Symbol, OrdersByTextNotByAddress) {
  // Made in reverse order, so addresses (pool order) cannot explain the result.
  std::vector<Symbol> v = {Symbol("b/up.sql"), Symbol("a/up.sql"), Symbol("a-b/up.sql"), Symbol("")};
  std::sort(v.begin(), v.end());
  std::vector<std::string> got;
  for (const auto& s : v) got.push_back(s.str());
  EXPECT_EQ(got, (std::vector<std::string>{"", "a-b/up.sql", "a/up.sql", "b/up.sql"}));
  EXPECT_LT(Symbol("a"), std::string("b"));
  EXPECT_GT(Symbol("b"), "a");
}

TEST(Symbol, ThreadsInterningTheSameTextsAgree) {
  constexpr int kTexts = 2000;
  std::vector<std::vector<const void*>> seen(4, std::vector<const void*>(kTexts));
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTexts; ++i) seen[t][i] = Symbol("findings_order_test/" + std::to_string(i)).address();
    });
  for (auto& th : threads) th.join();
  for (size_t t = 1; t < seen.size(); ++t) EXPECT_EQ(seen[t], seen[0]);
  EXPECT_EQ(std::unordered_set<const void*>(seen[0].begin(), seen[0].end()).size(), static_cast<size_t>(kTexts));
}

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::vector<std::string> keys(const Findings& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds)
    out.push_back(fs::path(d.span.path.str()).filename().string() + ":" + std::to_string(d.span.start.line) + ":" +
                  d.rule.str());
  return out;
}

}  // namespace

// Files with findings and without, suppressions that hide findings, and
// suppressions that add findings to a file that had none (those cannot be
// written where the file's own findings were): the result is in report order,
// the suppressed findings are gone, and the added ones are there.
TEST(FindingsOrder, SortedInPlaceWithSuppressionsAddingAndRemoving) {
  const fs::path dir = fs::temp_directory_path() / ("miglint-order-" + std::to_string(getpid()));
  fs::remove_all(dir);
  // Written out of path order; names chosen so that '-' and '_' sort around '/'.
  write(dir / "c.sql", "DROP TABLE c1;\nDROP TABLE c2;\n");
  write(dir / "a.sql", "-- miglint-ignore ban-drop-table: nothing to hide here\nCREATE TABLE a (id bigint);\n");
  write(dir / "b.sql", "-- miglint-ignore ban-drop-table: dead table\nDROP TABLE b1;\nDROP TABLE b2;\n");
  write(dir / "a-z.sql", "DROP TABLE az;\n");
  AnalysisOptions options;
  options.paths = {dir};
  options.select = {"ban-drop-table", "unused-suppression"};
  for (const unsigned jobs : {1u, 2u}) {
    options.jobs = jobs;
    const AnalysisResult r = analyze(options);
    EXPECT_TRUE(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(), diagnostic_less));
    EXPECT_EQ(keys(r.diagnostics),
              (std::vector<std::string>{"a-z.sql:1:ban-drop-table", "a.sql:1:unused-suppression",
                                        "b.sql:3:ban-drop-table", "c.sql:1:ban-drop-table", "c.sql:2:ban-drop-table"}))
        << "jobs " << jobs;
  }
  // A disabled rule's findings are dropped, and with them the reason for the
  // suppression finding (a disabled rule's suppression is no evidence).
  options.select = {"unused-suppression"};
  EXPECT_TRUE(analyze(options).diagnostics.empty());
  fs::remove_all(dir);
}
