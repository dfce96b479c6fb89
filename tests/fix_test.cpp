// Fixes: which apply together, the text and the unified diff they make, and
// `check --fix` / `--fix --diff` / `--unsafe-fixes` end to end.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/diag/fixes.h"
#include "tests/run_binary.h"
#include "tests/temp_folder.h"

using miglint::testing::read_file;

namespace fs = std::filesystem;
using miglint::Fix;
using miglint::FixSafety;
using miglint::TextEdit;
using miglint::testing::run_binary;
using miglint::testing::TempFolder;

namespace {

TextEdit edit(size_t b, size_t e, std::string text, const std::string& path = "f.sql") {
  TextEdit t;
  t.span.path = path;
  t.span.begin = b;
  t.span.end = e;
  t.text = std::move(text);
  return t;
}

Fix fix(std::vector<TextEdit> edits) { return Fix{"", std::move(edits), FixSafety::Safe}; }

TEST(Fixes, OverlappingFixesAreLeftOutWholeAndInsertionsKeepTheirOrder) {
  const Fix a = fix({edit(0, 0, "A")});
  const Fix b = fix({edit(0, 0, "B")});        // the same place: after a
  const Fix a_again = fix({edit(0, 0, "A")});  // the same edit: made once
  const Fix replace = fix({edit(2, 6, "xx")});
  const Fix inside = fix({edit(4, 4, "!"), edit(9, 9, "?")});  // clashes with replace: left out whole
  const Fix at_end_of_replace = fix({edit(6, 6, "+")});
  const Fix elsewhere = fix({edit(1, 1, "E", "g.sql")});
  size_t taken = 0;
  const auto edits = miglint::compatible_edits({&a, &b, &a_again, &replace, &inside, &at_end_of_replace, &elsewhere},
                                               "f.sql", &taken);
  EXPECT_EQ(taken, 5u);
  const std::string text = "0123456789";
  EXPECT_EQ(miglint::apply_edits(text, edits), "AB01xx+6789");
}

TEST(Fixes, DiffShowsEachChangeWithThreeLinesOfContext) {
  std::string text;
  for (int i = 1; i <= 20; ++i) text += "line " + std::to_string(i) + "\n";
  const size_t line2 = text.find("line 2\n"), line18 = text.find("line 18\n");
  const std::vector<TextEdit> edits = {edit(line2 + 4, line2 + 4, " two"), edit(line18, line18, "new\n")};
  const std::string diff = miglint::edits_diff("f.sql", text, edits);
  EXPECT_EQ(diff,
            "--- a/f.sql\n+++ b/f.sql\n"
            "@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two 2\n line 3\n line 4\n line 5\n"
            "@@ -15,6 +15,7 @@\n line 15\n line 16\n line 17\n+new\n line 18\n line 19\n line 20\n");
  // Close changes share a hunk; none: no diff.
  const std::string close = miglint::edits_diff("f.sql", text,
                                                {edit(line2, line2, "a\n"), edit(line2 + 14, line2 + 14, "b\n")});
  EXPECT_EQ(close.find("@@ -"), close.rfind("@@ -")) << close;
  EXPECT_NE(close.find("+a\n line 2\n line 3\n+b\n line 4\n"), std::string::npos) << close;
  EXPECT_EQ(miglint::edits_diff("f.sql", text, {}), "");
  EXPECT_EQ(miglint::edits_diff("f.sql", text, {edit(3, 5, text.substr(3, 2))}), "");
}

// A file's diff reads only the lines around the edits, and says the same.
TEST(Fixes, DiffOfAFileIsTheDiffOfItsText) {
  std::string text;
  for (int i = 1; i <= 40; ++i) text += "line " + std::to_string(i) + "\n";
  const miglint::SourceFile file("f.sql", text);
  const size_t line20 = text.find("line 20\n"), line22 = text.find("line 22\n");
  for (const std::vector<TextEdit>& edits : {std::vector<TextEdit>{edit(line20 + 4, line20 + 4, " twenty")},
                                             std::vector<TextEdit>{edit(0, 0, "first\n"), edit(line22, line22 + 8, "")},
                                             std::vector<TextEdit>{edit(text.size(), text.size(), "last\n")}})
    EXPECT_EQ(miglint::edits_diff("f.sql", file, edits), miglint::edits_diff("f.sql", text, edits));
  const miglint::SourceFile tail("f.sql", "BEGIN;\nSELECT 1;");
  EXPECT_EQ(miglint::edits_diff("f.sql", tail, {edit(16, 16, "\nCOMMIT;")}),
            miglint::edits_diff("f.sql", "BEGIN;\nSELECT 1;", {edit(16, 16, "\nCOMMIT;")}));
}

TEST(Fixes, DiffAtTheEndOfAFile) {
  EXPECT_EQ(miglint::edits_diff("f.sql", "BEGIN;\nSELECT 1;", {edit(16, 16, "\nCOMMIT;")}),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,2 +1,3 @@\n BEGIN;\n-SELECT 1;\n\\ No newline at end of file\n"
            "+SELECT 1;\n+COMMIT;\n\\ No newline at end of file\n");
  EXPECT_EQ(miglint::edits_diff("f.sql", "a\n", {edit(2, 2, "b\n")}),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,1 +1,2 @@\n a\n+b\n");
  EXPECT_EQ(miglint::edits_diff("f.sql", "", {edit(0, 0, "x\n")}), "--- a/f.sql\n+++ b/f.sql\n@@ -0,0 +1,1 @@\n+x\n");
}

// The diff of two texts is the diff of the edits that make one from the
// other, and past its budget it still applies (one block replaced).
TEST(Fixes, UnifiedDiffOfTwoTexts) {
  std::string text;
  for (int i = 1; i <= 20; ++i) text += "line " + std::to_string(i) + "\n";
  const size_t line2 = text.find("line 2\n"), line18 = text.find("line 18\n");
  const std::vector<TextEdit> edits = {edit(line2 + 4, line2 + 4, " two"), edit(line18, line18, "new\n")};
  const std::string after = miglint::apply_edits(text, edits);
  EXPECT_EQ(miglint::unified_diff("f.sql", text, after), miglint::edits_diff("f.sql", text, edits));
  EXPECT_EQ(miglint::unified_diff("f.sql", text, text), "");
  // Lines removed and added around unchanged ones.
  EXPECT_EQ(miglint::unified_diff("f.sql", "a\nb\nc\nd\n", "a\nc\nd\ne\n"),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,4 +1,4 @@\n a\n-b\n c\n d\n+e\n");
  // Past the budget: the lines between the first and last change, replaced.
  EXPECT_EQ(miglint::unified_diff("f.sql", "a\nb\nc\nd\n", "a\nx\nc\ny\n", 1),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,4 +1,4 @@\n a\n-b\n-c\n-d\n+x\n+c\n+y\n");
}

// A migration with a safe fix (IF NOT EXISTS on the index) and unsafe ones
// (CONCURRENTLY, lock and statement timeouts), run outside a transaction.
void write_folder(const TempFolder& t) {
  t.write("20240101000000_t.up.sql", "CREATE TABLE t (a bigint);\n");
  t.write("20240101000000_t.down.sql", "DROP TABLE IF EXISTS t;\n");
  t.write("20240102000000_i.up.sql", "CREATE TABLE IF NOT EXISTS u (a bigint);\nCREATE INDEX t_a ON t (a);\n");
  t.write("20240102000000_i.down.sql", "DROP TABLE IF EXISTS u;\nDROP INDEX CONCURRENTLY IF EXISTS t_a;\n");
}

const char* const kUp = "20240102000000_i.up.sql";

TEST(CliFix, DiffWritesNothingAndShowsWhatFixWouldWrite) {
  TempFolder t;
  write_folder(t);
  const std::string before = read_file(t.dir / kUp);
  const auto r = run_binary("check --fix --diff '" + t.dir.string() + "'", true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("@@ -1,2 +1,2 @@\n CREATE TABLE IF NOT EXISTS u (a bigint);\n-CREATE INDEX t_a ON t (a);\n"
                       "+CREATE INDEX IF NOT EXISTS t_a ON t (a);\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("CONCURRENTLY"), std::string::npos) << "unsafe without --unsafe-fixes:\n" << r.out;
  EXPECT_NE(r.out.find("would fix 1 finding in 1 file; 3 more fixes with --unsafe-fixes"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(t.dir / kUp), before);
  const auto unsafe = run_binary("check --fix --diff --unsafe-fixes '" + t.dir.string() + "'");
  EXPECT_NE(unsafe.out.find("+SET lock_timeout = '2s';\n+SET statement_timeout = '5min';\n"
                            " CREATE TABLE IF NOT EXISTS u (a bigint);\n"
                            "-CREATE INDEX t_a ON t (a);\n"
                            "+CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\n"),
            std::string::npos)
      << unsafe.out;
}

TEST(CliFix, FixWritesSafeFixesThenUnsafeOnesAndIsIdempotent) {
  TempFolder t;
  write_folder(t);
  const auto r = run_binary("check --fix --format gcc --fail-on never '" + t.dir.string() + "'", true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(read_file(t.dir / kUp),
            "CREATE TABLE IF NOT EXISTS u (a bigint);\nCREATE INDEX IF NOT EXISTS t_a ON t (a);\n");
  EXPECT_NE(r.out.find("fixed 1 finding in 1 file"), std::string::npos) << r.out;
  // What is left is reported: the unsafe fixes' findings.
  EXPECT_NE(r.out.find("[require-concurrent-index-creation]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[prefer-robust-stmts]"), std::string::npos) << r.out;
  (void)run_binary("check --fix --unsafe-fixes --format gcc '" + t.dir.string() + "'", true);
  const std::string up = read_file(t.dir / kUp);
  EXPECT_EQ(up,
            "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nCREATE TABLE IF NOT EXISTS u (a bigint);\n"
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\n");
  // Nothing left to fix: a second run changes nothing.
  const auto again = run_binary("check --fix --diff --unsafe-fixes '" + t.dir.string() + "'", true);
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(again.out.find("@@"), std::string::npos) << again.out;
  EXPECT_EQ(read_file(t.dir / kUp), up);
}

// `IF EXISTS` goes after a DROP's kind words, found in the statement's first
// tokens. A long statement is scanned a prefix at a time: the prefix ends
// inside a keyword, a name or the space before them, for each of these.
TEST(CliFix, IfExistsGoesAfterTheKindWordsOfALongDrop) {
  TempFolder t;
  std::string up, want;
  for (size_t pad = 1012; pad < 1032; ++pad) {
    const std::string gap(pad, ' ');
    up += fmt::format("DROP{0}MATERIALIZED   VIEW   mv_name;\nDROP INDEX{0}CONCURRENTLY ix;\n", gap);
    want += fmt::format("DROP{0}MATERIALIZED   VIEW   IF EXISTS mv_name;\nDROP INDEX{0}CONCURRENTLY IF EXISTS ix;\n",
                        gap);
  }
  std::string names;
  for (int i = 0; i < 2000; ++i) names += (i ? ", t" : "t") + std::to_string(i);
  up += "DROP TABLE " + names + ";\n";
  want += "DROP TABLE IF EXISTS " + names + ";\n";
  t.write("20240101000000_d.up.sql", up);
  t.write("20240101000000_d.down.sql", "SELECT 1;\n");
  const auto r = run_binary("check --fix --select prefer-robust-stmts '" + t.dir.string() + "'", true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("fixed 41 findings in 1 file"), std::string::npos) << r.out;
  const std::string got = read_file(t.dir / "20240101000000_d.up.sql");
  const size_t at = static_cast<size_t>(std::mismatch(got.begin(), got.end(), want.begin(), want.end()).first -
                                        got.begin());
  EXPECT_EQ(at, want.size()) << "first difference at byte " << at << ": " << got.substr(at, 60);
  EXPECT_EQ(got.size(), want.size());
}

TEST(CliFix, HumanOutputShowsEachFixAsADiff) {
  TempFolder t;
  write_folder(t);
  const auto r = run_binary("check --color never '" + t.dir.string() + "'", false, "NO_COLOR=1 ");
  EXPECT_NE(r.out.find("= fix: insert `IF NOT EXISTS` (safe: `check --fix` applies it)\n"
                       "    @@ -1,2 +1,2 @@\n"
                       "     CREATE TABLE IF NOT EXISTS u (a bigint);\n"
                       "    -CREATE INDEX t_a ON t (a);\n"
                       "    +CREATE INDEX IF NOT EXISTS t_a ON t (a);\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("+CREATE INDEX CONCURRENTLY t_a ON t (a);"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(unsafe: `check --fix --unsafe-fixes` applies it)"), std::string::npos) << r.out;
}

TEST(CliFix, StandardInputIsNotWrittenBack) {
  const auto r = run_binary("check --fix --stdin-filename x.sql < /dev/null", true);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("--fix --diff"), std::string::npos) << r.out;
}

}  // namespace
