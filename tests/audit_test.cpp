// `miglint audit`: golden Markdown and HTML reports on a small fixture folder,
// byte-identical output whatever --jobs is, and the report's escaping.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "analyzer/replay/replay.h"
#include "analyzer/engine/runner.h"
#include "analyzer/report/audit.h"
#include "tests/run_binary.h"
#include "tests/temp_folder.h"

using miglint::testing::read_file;

namespace fs = std::filesystem;

namespace {

struct AuditRun {
  int status = -1;
  std::string out;
};

// Runs the binary from the source directory so reported paths are relative.
AuditRun audit(const std::string& args) {
  const auto r = miglint::testing::run_binary("audit " + args, false,
                                              "cd '" + std::string(MIGLINT_SOURCE_DIR) + "' && NO_COLOR=1 ");
  return {r.exit_code, r.out};
}

// MIGLINT_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
void golden(const std::string& format, const std::string& file) {
  const fs::path expected = fs::path(MIGLINT_SOURCE_DIR) / "testdata/audit" / file;
  const AuditRun r = audit("--format " + format + " testdata/audit/migrations");
  EXPECT_EQ(r.status, 1) << "the fixture has errors";
  if (std::getenv("MIGLINT_UPDATE_GOLDEN")) {
    std::ofstream(expected, std::ios::binary) << r.out;
    return;
  }
  EXPECT_EQ(r.out, read_file(expected)) << "update with MIGLINT_UPDATE_GOLDEN=1 if the change is intended";
}

}  // namespace

TEST(Audit, HumanGolden) { golden("human", "expected.txt"); }
TEST(Audit, MarkdownGolden) { golden("markdown", "expected.md"); }

// Summary tables with a legend first, then the migrations, then the findings
// under a heading per migration; nothing cut off.
TEST(Audit, HumanReportReadsTopDown) {
  const AuditRun r = audit("--format human testdata/audit/migrations");
  const size_t round_trip = r.out.find("Round trip");
  const size_t per_rule = r.out.find("Findings per rule");
  const size_t migrations = r.out.find("Migrations in testdata/audit/migrations");
  const size_t findings = r.out.find("Findings by migration");
  const size_t first_finding = r.out.find("-->");
  ASSERT_NE(first_finding, std::string::npos) << r.out;
  EXPECT_LT(round_trip, per_rule);
  EXPECT_LT(per_rule, migrations);
  EXPECT_LT(migrations, findings);
  EXPECT_LT(findings, first_finding);
  for (size_t v = 0; v < 5; ++v) {
    const auto meaning = miglint::report::round_trip_meaning(static_cast<miglint::report::RoundTrip>(v));
    EXPECT_NE(r.out.find(std::string(meaning.substr(0, 30))), std::string::npos) << meaning;
  }
  EXPECT_EQ(r.out.find("…"), std::string::npos) << "nothing is cut off";
  // Every word of every migration's effects is there (wrapped, not cut).
  const AuditRun j = audit("--format json testdata/audit/migrations");
  const std::regex summary(R"re("summary": "([^"]*)")re"), word(R"([^ ,]+)");
  for (auto m = std::sregex_iterator(j.out.begin(), j.out.end(), summary); m != std::sregex_iterator(); ++m) {
    const std::string text = (*m)[1].str();
    for (auto w = std::sregex_iterator(text.begin(), text.end(), word); w != std::sregex_iterator(); ++w)
      EXPECT_NE(r.out.find(w->str()), std::string::npos) << w->str();
  }
  // A migration's findings come under its heading.
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\n\d{4} [a-z_]+\n\n(error|warning|info)\[)"))) << r.out;
}
TEST(Audit, HtmlGolden) { golden("html", "expected.html"); }

TEST(Audit, RoundTripVerdicts) {
  const AuditRun r = audit("--format json testdata/audit/migrations");
  ASSERT_EQ(r.status, 1);
  for (const char* want :
       {R"("round_trip": "restores")", R"("round_trip": "does not restore")", R"("round_trip": "down fails")",
        R"("round_trip": "no down")", R"("round_trip": "not checked")", R"("diagnostics": [)", R"("top_offenders": [)"})
    EXPECT_NE(r.out.find(want), std::string::npos) << want;
}

TEST(Audit, HtmlIsSelfContained) {
  const AuditRun r = audit("--format html testdata/audit/migrations");
  EXPECT_NE(r.out.find("<svg"), std::string::npos);
  EXPECT_NE(r.out.find("<style>"), std::string::npos);
  for (const char* banned : {"<script", "<link", "src=", "href=", "@import", "url("})
    EXPECT_EQ(r.out.find(banned), std::string::npos) << banned;
}

TEST(Audit, SameExitCodesAsCheck) {
  EXPECT_EQ(audit("--fail-on never testdata/audit/migrations").status, 0);
  EXPECT_EQ(audit("--format sarif testdata/audit/migrations").status, 2);
  EXPECT_EQ(audit("testdata/audit/no-such-folder").status, 2);
}

TEST(Audit, DeterministicAcrossJobs) {
  std::vector<std::string> dirs = {"testdata/audit/migrations"};
  std::error_code ec;
  // Real folders when present: they are large enough for the work to be split.
  for (const auto& e : fs::directory_iterator("/work/shared/corpus", ec))
    if (fs::is_directory(e.path() / "migrations", ec)) dirs.push_back((e.path() / "migrations").string());
  for (const auto& dir : dirs)
    for (const char* format : {"human", "markdown", "html", "json"}) {
      const AuditRun one = audit(std::string("--jobs 1 --format ") + format + " '" + dir + "'");
      const AuditRun four = audit(std::string("--jobs 4 --format ") + format + " '" + dir + "'");
      EXPECT_EQ(one.status, four.status) << dir << ' ' << format;
      EXPECT_FALSE(one.out.empty()) << dir << ' ' << format;
      EXPECT_TRUE(one.out == four.out) << dir << ' ' << format << ": --jobs 1 and --jobs 4 differ";
    }
}

TEST(Audit, Escaping) {
  using miglint::report::html_escape;
  using miglint::report::markdown_cell;
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape(std::string("a\x01z")), "a z");
  // Adjacent literals: a hex escape would otherwise swallow the following "b".
  EXPECT_EQ(html_escape("a\xff\xc0\x80"
                        "b\xe2\x82"),
            "a\uFFFD\uFFFD\uFFFD"
            "b\uFFFD\uFFFD");
  EXPECT_EQ(html_escape("é€😀"), "é€😀");
  EXPECT_EQ(markdown_cell("a|b\nc <x> `y`"), "a\\|b c &lt;x&gt; \\`y\\`");
}

// A long report folds each file's findings away; its summary line still
// counts them by severity.
TEST(Audit, HtmlFoldsTheFindingsOfALongReport) {
  const fs::path dir = fs::temp_directory_path() / ("miglint-audit-long-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string up;
  for (int i = 0; i < 150; ++i) up += "CREATE INDEX i" + std::to_string(i) + " ON t (c" + std::to_string(i) + ");\n";
  std::ofstream(dir / "1_table.up.sql") << "CREATE TABLE t (id bigint);\n";
  std::ofstream(dir / "1_table.down.sql") << "DROP TABLE t;\n";
  std::ofstream(dir / "2_indexes.up.sql") << up;
  std::ofstream(dir / "2_indexes.down.sql") << "SELECT 1;\n";
  const auto r = audit(
      "--format html --select require-concurrent-index-creation,prefer-robust-stmts --fail-on never '" + dir.string() +
      "'");
  fs::remove_all(dir);
  EXPECT_EQ(r.out.find("<details open>"), std::string::npos);
  const size_t summary = r.out.find("2_indexes.up.sql</code>: <span class=\"warning\">");
  ASSERT_NE(summary, std::string::npos) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("<details><summary>"), std::string::npos);
  // Every finding is still in the page.
  size_t rows = 0;
  for (size_t at = r.out.find("<h2>Findings</h2>");
       (at = r.out.find("<code>require-concurrent-index-creation</code>", at)) != std::string::npos; ++at)
    ++rows;
  EXPECT_EQ(rows, 150u);
}

// The human, Markdown and HTML reports do not keep every statement's effects:
// each migration's summary is made during the replay instead. It must read
// as the one made from kept effects, a version collision included.
TEST(Audit, SummariesMadeDuringTheReplay) {
  for (const char* dir :
       {"testdata/audit/migrations", "examples/migrations", "examples/variants/version_collision/migrations"}) {
    miglint::AnalysisOptions o;
    o.paths = {fs::path(MIGLINT_SOURCE_DIR) / dir};
    o.jobs = 2;
    const auto kept = miglint::report::build_audit(miglint::analyze(o));
    o.keep_effects = false;
    o.effect_summaries = true;
    const auto result = miglint::analyze(o);
    ASSERT_FALSE(result.folders.empty());
    EXPECT_TRUE(result.folders[0].replay->effects.empty()) << dir;
    EXPECT_FALSE(result.folders[0].summaries.empty()) << dir;
    const auto made = miglint::report::build_audit(result);
    ASSERT_EQ(kept.table.size(), made.table.size()) << dir;
    size_t summarised = 0;
    for (size_t i = 0; i < kept.table.size(); ++i) {
      EXPECT_EQ(kept.table[i].summary, made.table[i].summary) << dir << " " << kept.table[i].version;
      summarised += !made.table[i].summary.empty();
    }
    EXPECT_GT(summarised, 0u) << dir;
  }
}

// "1 info", never "1 infos": every format words its counts as English does.
TEST(Audit, CountsArePluralisedInEveryFormat) {
  for (const char* format : {"human", "markdown", "html"}) {
    const AuditRun r = audit(std::string("--format ") + format + " testdata/audit/migrations");
    EXPECT_NE(r.out.find("1 info"), std::string::npos) << format << ": the fixture has one info finding";
    for (const char* wrong : {"infos", "errors", "warnings", "migrations", "files"})  // after a count of 1, not 11
      EXPECT_FALSE(std::regex_search(r.out, std::regex(std::string("(^|[^0-9])1 ") + wrong)))
          << format << " says 1 " << wrong;
  }
}
