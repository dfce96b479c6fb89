// Every output format rendered from one shared, hand-built set of findings and
// compared with testdata/output/<format>.golden. Regenerate the goldens with
// MIGLINT_UPDATE_GOLDEN=1 after an intended change, and review the diff.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <set>
#include <fstream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/engine/registry.h"
#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/output/report_sources.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

const fs::path kSource = MIGLINT_SOURCE_DIR;
const std::string kDir = "testdata/output/migrations/";
const std::string kUp = kDir + "20240101000000_create_users.up.sql";
const std::string kDown = kDir + "20240101000000_create_users.down.sql";

// Paths in the set are relative to the source tree, as a run from its root prints them.
class OutputFormats : public ::testing::Test {
 protected:
  void SetUp() override {
    old_cwd_ = fs::current_path();
    fs::current_path(kSource);
  }
  void TearDown() override { fs::current_path(old_cwd_); }
  fs::path old_cwd_;
};

SourceFile load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return SourceFile(path, std::string(std::istreambuf_iterator<char>(in), {}));
}

Span span_of(const SourceFile& f, std::string_view needle, size_t len = std::string::npos) {
  const size_t b = f.text().find(needle);
  EXPECT_NE(b, std::string::npos) << needle;
  return make_span(f, b, b + (len == std::string::npos ? needle.size() : len));
}

// The shared set: a syntax error, a finding with a note in another file and a
// fix, one on a line with non-ASCII text before it (UTF-16 columns differ from
// code points), a message that every format must escape, a file-level finding
// on a path with a space, a comma and a colon.
AnalysisResult shared_set() {
  const SourceFile up = load(kUp);
  const SourceFile down = load(kDown);
  AnalysisResult r;
  r.files = 3;
  r.migrations = 1;
  std::vector<Diagnostic> ds;

  Diagnostic syntax;
  syntax.rule = "syntax-error";
  syntax.severity = Severity::Error;
  syntax.span = span_of(down, "TABEL", 5);
  syntax.message = "syntax error at or near \"TABEL\"";
  ds.push_back(syntax);

  Diagnostic inverse;
  inverse.rule = "down-not-inverse";
  inverse.severity = Severity::Error;
  inverse.span = span_of(down, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);");
  inverse.message = "down does not restore table users: CHECK constraint name_len is missing";
  inverse.help = "recreate the table with the constraint the up dropped";
  inverse.notes.push_back(
      {span_of(up, "CONSTRAINT name_len CHECK (length(name) < 100)"), "the constraint is defined here"});
  ds.push_back(inverse);

  Diagnostic index;
  index.rule = "require-concurrent-index-creation";
  index.severity = Severity::Warning;
  index.span = span_of(up, "CREATE INDEX users_note ON users (note)");
  index.message = "CREATE INDEX without CONCURRENTLY takes a SHARE lock on users (blocks writes)";
  index.help = "use CREATE INDEX CONCURRENTLY outside a transaction";
  const size_t at = up.text().find("CREATE INDEX") + 12;
  index.fix = Fix{
      "build the index CONCURRENTLY", {TextEdit{make_span(up, at, at), " CONCURRENTLY"}}, FixSafety::Unsafe};
  ds.push_back(index);

  Diagnostic odd;
  odd.rule = "adding-field-with-default";
  odd.severity = Severity::Info;
  odd.span = span_of(up, "ADD COLUMN note text DEFAULT '🚀'");
  odd.message = "default '🚀' <50% & \"quoted\", a:b\r\nsecond line\twith tab, 'apostrophes' and ]]> too";
  ds.push_back(odd);

  Diagnostic missing;
  missing.rule = "missing-down";
  missing.severity = Severity::Warning;
  missing.span.path = "testdata/output/other dir/v2, final:draft.sql";
  missing.message = "migration v2 has an up file but no down file";
  ds.push_back(missing);

  std::sort(ds.begin(), ds.end(), diagnostic_less);
  r.diagnostics = std::move(ds);
  return r;
}

// SARIF's rule table is the registry's: it grows with every rule another
// change adds, so it is checked by the test below, not by the golden file.
std::string normalise_sarif(const std::string& text) {
  auto j = nlohmann::ordered_json::parse(text);
  auto& run = j["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  for (auto& res : run["results"]) {
    if (res.contains("ruleIndex")) {
      EXPECT_EQ(rules.at(res["ruleIndex"].get<size_t>())["id"], res["ruleId"]);
      res.erase("ruleIndex");
    }
  }
  run["tool"]["driver"].erase("rules");
  return j.dump(2) + "\n";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
}

std::string render(Format f) {
  std::ostringstream out;
  write_report(out, f, shared_set(), OutputOptions{});
  std::string s = out.str();
  if (f == Format::Sarif) s = normalise_sarif(s);
  // The version is CMake's project(VERSION); the golden files name none.
  if (f == Format::Sarif || f == Format::Json) {
    const std::string version = std::string("\"") + MIGLINT_VERSION + "\"";
    EXPECT_NE(s.find(version), std::string::npos) << "the report names no tool version";
    replace_all(s, version, "\"VERSION\"");
  }
  // Absolute URIs name the checkout; the golden files do not.
  const std::string root = "file://" + percent_encode_path(kSource.lexically_normal().generic_string());
  replace_all(s, root, "file:///SRC");
  return s;
}

void check_golden(const std::string& name, Format f) {
  const fs::path golden = kSource / "testdata/output" / (name + ".golden");
  const std::string actual = render(f);
  const char* update = std::getenv("MIGLINT_UPDATE_GOLDEN");
  if (update && *update) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << golden << " is missing; run with MIGLINT_UPDATE_GOLDEN=1";
  const std::string expected(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(actual, expected) << "format " << name << " differs from " << golden;
}

}  // namespace

TEST_F(OutputFormats, Human) { check_golden("human", Format::Human); }
TEST_F(OutputFormats, Json) { check_golden("json", Format::Json); }
TEST_F(OutputFormats, Gcc) { check_golden("gcc", Format::Gcc); }
TEST_F(OutputFormats, Sarif) { check_golden("sarif", Format::Sarif); }
TEST_F(OutputFormats, Github) { check_golden("github", Format::Github); }
TEST_F(OutputFormats, Gitlab) { check_golden("gitlab", Format::Gitlab); }
TEST_F(OutputFormats, Junit) { check_golden("junit", Format::Junit); }
TEST_F(OutputFormats, Lsp) { check_golden("lsp", Format::Lsp); }

TEST_F(OutputFormats, SarifListsEveryRuleWithItsDocs) {
  std::ostringstream out;
  write_sarif(out, shared_set());
  const auto j = nlohmann::json::parse(out.str());
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), all_rules().size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    EXPECT_EQ(r["id"], all_rules()[i]->id());
    EXPECT_FALSE(r["shortDescription"]["text"].get<std::string>().empty()) << r["id"];
    EXPECT_FALSE(r["fullDescription"]["text"].get<std::string>().empty()) << r["id"];
    EXPECT_FALSE(r["help"]["markdown"].get<std::string>().empty()) << r["id"];
    EXPECT_TRUE(r["defaultConfiguration"]["level"].is_string()) << r["id"];
    if (const auto doc = rule_doc(all_rules()[i]->id())) {
      EXPECT_EQ(r["help"]["markdown"], *doc);
    }
  }
}

// tests/sarif_validate_test.sh feeds this file to Microsoft's SARIF validator.
TEST_F(OutputFormats, SarifOfTheSharedSet) {
  std::ostringstream out;
  write_sarif(out, shared_set());
  EXPECT_TRUE(nlohmann::json::accept(out.str()));
  if (const char* path = std::getenv("MIGLINT_SARIF_OUT"); path && *path)
    std::ofstream(path, std::ios::binary) << out.str();
}

TEST_F(OutputFormats, LspPositionsAreUtf16) {
  const auto j = nlohmann::json::parse(render(Format::Lsp));
  bool seen = false;
  for (const auto& file : j)
    for (const auto& d : file["diagnostics"])
      if (d["code"] == "require-concurrent-index-creation") {
        seen = true;
        // `ALTER ... DEFAULT '🚀'; ` precedes it: the emoji is one code point, two UTF-16 units.
        const SourceFile up = load(kUp);
        const Position p = up.position(up.text().find("CREATE INDEX"));
        EXPECT_EQ(d["range"]["start"]["line"], p.line - 1);
        EXPECT_EQ(d["range"]["start"]["character"], p.column);  // column - 1 + 1 extra UTF-16 unit
        EXPECT_EQ(d["codeDescription"]["href"],
                  "https://github.com/miglint/miglint/blob/main/docs/rules/require-concurrent-index-creation.md");
      }
  EXPECT_TRUE(seen);
}

TEST_F(OutputFormats, GitlabFingerprintsIgnoreLineNumbers) {
  // The same finding before and after a line is inserted above it: same
  // relative path, same flagged text, another line number.
  const fs::path tmp = fs::temp_directory_path() / ("miglint-fp-" + std::to_string(::getpid()));
  auto print_of = [&](const std::string& variant, const std::string& text) {
    const fs::path dir = tmp / variant;
    fs::create_directories(dir / "m");
    std::ofstream(dir / "m/x.sql", std::ios::binary) << text;
    fs::current_path(dir);
    const SourceFile f = load("m/x.sql");
    AnalysisResult r;
    std::vector<Diagnostic> ds;
    for (int k = 0; k < 2; ++k) {  // two identical findings: told apart by occurrence
      Diagnostic d;
      d.rule = "ban-drop-table";
      d.span = span_of(f, "DROP TABLE t");
      ds.push_back(d);
    }
    r.diagnostics = std::move(ds);
    std::ostringstream out;
    write_gitlab(out, r);
    const auto j = nlohmann::json::parse(out.str());
    EXPECT_NE(j[0]["fingerprint"], j[1]["fingerprint"]);
    return std::make_pair(j[0]["fingerprint"].get<std::string>(), j[0]["location"]["lines"]["begin"].get<int>());
  };
  const auto a = print_of("a", "DROP TABLE t;\n");
  const auto b = print_of("b", "-- a new comment\n\n    DROP TABLE t;\n");
  fs::current_path(kSource);
  fs::remove_all(tmp);
  EXPECT_NE(a.second, b.second);
  EXPECT_EQ(a.first, b.first);
  const auto c = print_of("c", "DROP TABLE t CASCADE;\n");
  fs::current_path(kSource);
  fs::remove_all(tmp);
  EXPECT_NE(a.first, c.first);
}

TEST_F(OutputFormats, GithubEscapesDataAndProperties) {
  const std::string s = render(Format::Github);
  EXPECT_NE(s.find("file=testdata/output/other dir/v2%2C final%3Adraft.sql"), std::string::npos) << s;
  EXPECT_NE(s.find("<50%25 & \"quoted\", a:b%0D%0Asecond line"), std::string::npos) << s;
  EXPECT_NE(s.find("::notice "), std::string::npos);
}

// Reports group findings by file and count occurrences per file; findings
// handed over out of path order (a hand-built result) must be grouped and
// counted as in order, not split.
TEST_F(OutputFormats, FindingsOutOfPathOrderAreGroupedByFile) {
  const AnalysisResult sorted = shared_set();
  std::vector<Diagnostic> ds = sorted.diagnostics.to_vector();
  ASSERT_GE(ds.size(), 3u);
  ASSERT_NE(ds.front().span.path, ds.back().span.path);
  // The last file's finding first: each file's own findings keep their order.
  std::rotate(ds.begin(), ds.end() - 1, ds.end());
  AnalysisResult shuffled;
  shuffled.files = sorted.files;
  shuffled.migrations = sorted.migrations;
  shuffled.diagnostics = std::move(ds);
  ASSERT_FALSE(ReportSources(shuffled).findings_in_path_order());
  ASSERT_TRUE(ReportSources(sorted).findings_in_path_order());
  for (const Format f : {Format::Junit, Format::Lsp}) {
    std::ostringstream a, b;
    write_report(a, f, sorted, OutputOptions{});
    write_report(b, f, shuffled, OutputOptions{});
    EXPECT_EQ(a.str(), b.str()) << static_cast<int>(f);
  }
  // Fingerprints: the same per finding, whatever the order of other files'.
  const auto prints = [](const AnalysisResult& r) {
    std::ostringstream out;
    write_gitlab(out, r);
    std::multiset<std::pair<std::string, std::string>> s;
    for (const auto& issue : nlohmann::json::parse(out.str()))
      s.insert({issue["description"].get<std::string>(), issue["fingerprint"].get<std::string>()});
    return s;
  };
  EXPECT_EQ(prints(sorted), prints(shuffled));

  // Two identical findings on one file with another file's between them:
  // still told apart by occurrence.
  const SourceFile up = load(kUp);
  const SourceFile down = load(kDown);
  Diagnostic a;
  a.rule = "ban-drop-table";
  a.span = span_of(up, "CREATE INDEX users_note ON users (note)");
  Diagnostic b = a;
  b.span = span_of(down, "TABEL", 5);
  AnalysisResult split;
  split.diagnostics = std::vector<Diagnostic>{a, b, a};
  std::ostringstream out;
  write_gitlab(out, split);
  const auto j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j.size(), 3u);
  EXPECT_NE(j[0]["fingerprint"], j[2]["fingerprint"]);
  // And junit counts one suite per file, the first file's two findings in it.
  std::ostringstream x;
  write_junit(x, split);
  EXPECT_NE(x.str().find("tests=\"3\" failures=\"3\""), std::string::npos) << x.str();
  EXPECT_NE(x.str().find("tests=\"2\" failures=\"2\""), std::string::npos) << x.str();
}

// Each human finding ends with its rule's page: plain text without colour,
// an OSC 8 hyperlink with it.
TEST_F(OutputFormats, HumanLinksEachFindingToItsRulesPage) {
  const AnalysisResult r = shared_set();
  for (const bool color : {false, true}) {
    std::ostringstream out;
    OutputOptions o;
    o.color = color;
    write_human(out, r, o);
    const std::string s = out.str();
    for (const auto& d : r.diagnostics) {
      const std::string url = rule_doc_url(d.rule);
      const std::string expected = color ? "\x1b]8;;" + url + "\x1b\\" + url + "\x1b]8;;\x1b\\\n"
                                         : "docs: " + url + "\n";
      EXPECT_NE(s.find(expected), std::string::npos) << (color ? "colour" : "plain") << ", " << d.rule << ":\n" << s;
    }
  }
}

// Each GitLab issue carries its rule's page in Code Climate's `content.body`.
TEST_F(OutputFormats, GitlabLinksEachIssueToItsRulesPage) {
  const AnalysisResult r = shared_set();
  std::ostringstream out;
  write_report(out, Format::Gitlab, r, OutputOptions{});
  const auto issues = nlohmann::json::parse(out.str());
  ASSERT_EQ(issues.size(), r.diagnostics.size());
  for (const auto& issue : issues) {
    const std::string rule = issue["check_name"];
    EXPECT_EQ(issue["content"]["body"], "[" + rule + "](" + rule_doc_url(rule) + ")");
  }
}

// gcc lines link the bracketed rule id (OSC 8) only when colour is on.
TEST_F(OutputFormats, GccLinksTheRuleIdWhenColourIsOn) {
  const AnalysisResult r = shared_set();
  for (const bool color : {false, true}) {
    std::ostringstream out;
    OutputOptions o;
    o.color = color;
    write_gcc(out, r, o);
    for (const auto& d : r.diagnostics) {
      const std::string url = rule_doc_url(d.rule);
      const std::string linked = "[\x1b]8;;" + url + "\x1b\\" + d.rule + "\x1b]8;;\x1b\\]\n";
      EXPECT_EQ(out.str().find(linked) != std::string::npos, color) << d.rule;
      EXPECT_EQ(out.str().find("[" + d.rule + "]\n") != std::string::npos, !color) << d.rule;
    }
  }
}
