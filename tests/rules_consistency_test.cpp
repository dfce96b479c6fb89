// Every registered rule has its documentation page and fixtures that show it
// firing and staying silent; fixture folders name real rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "analyzer/engine/registry.h"
#include "tests/fixture_support.h"
#include "tests/temp_folder.h"

using miglint::testing::read_file;

namespace fs = std::filesystem;

namespace {

// Rules whose findings need more than one file analysed alone: the folder
// reader (pairing, names, versions, checksums), the schema replay across
// migrations, or the file system itself. They are covered by the folder and
// catalog suites (migrations_rules_test, catalog_chains_test) instead of
// single-file fixtures, but still need a doc page.
const std::map<std::string, std::string, std::less<>> kNoSingleFileFixture = {
    {"access-exclusive-lock", "observed by `miglint verify` on a real server; tests/verify_test.sh"},
    {"binary-file", "decided while reading bytes from disk, before parsing"},
    {"copy-data-block", "found by the file splitter; covered by the parse tests"},
    {"down-not-inverse", "needs an up, its down and the schema before them"},
    {"empty-migration", "a property of a migration (up and down), from the folder reader"},
    {"invalid-utf8", "found while decoding the file, before the rule engine"},
    {"migration-layout", "a property of the folder"},
    {"migration-fails", "reported by `miglint verify` from a real server's errors; tests/verify_test.sh"},
    {"migration-name", "compares names across the folder"},
    {"missing-down", "pairing of files in the folder"},
    {"missing-up", "pairing of files in the folder"},
    {"modified-migration", "needs miglint.sum next to the folder"},
    {"protected-object", "needs [[protect]] config and the replayed history; folder fixtures in testdata/intent"},
    {"psql-meta-command", "found by the file splitter; covered by the parse tests"},
    {"unintended-drop", "needs the objects that exist before the migration; folder fixtures in testdata/intent"},
    {"unknown-rule", "made by the suppression reader, not a rule's check"},
    {"unreadable-file", "an I/O error; cannot be a checked-in file"},
    {"unused-suppression", "made by the suppression reader after all rules ran"},
    {"suppression-without-reason", "made by the suppression reader after all rules ran"},
    {"version-collision", "compares versions across the folder"},
    {"version-order", "compares versions across the folder and git history"},
};

fs::path docs_dir() { return miglint::testing::source_dir() / "docs" / "rules"; }
fs::path fixtures_dir() { return miglint::testing::source_dir() / "testdata" / "rules"; }

struct FixtureCoverage {
  bool firing = false;
  bool silent = false;
};

FixtureCoverage coverage(std::string_view id) {
  FixtureCoverage c;
  const std::regex expect_re("^--\\s*expect:\\s*" + std::string(id) + "(\\s|$)");
  const std::regex any_expect_re("^--\\s*expect:");
  std::error_code ec;
  for (fs::directory_iterator it(fixtures_dir() / id, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".sql") continue;
    std::istringstream lines(read_file(it->path()));
    bool any = false;
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (std::regex_search(line, expect_re)) c.firing = true;
      if (std::regex_search(line, any_expect_re)) any = true;
    }
    if (!any) c.silent = true;
  }
  return c;
}

TEST(RulesConsistency, EveryRuleHasADocPage) {
  for (const auto& r : miglint::all_rules()) {
    const std::string id(r->id());
    const fs::path page = docs_dir() / (id + ".md");
    if (!fs::exists(page)) {
      ADD_FAILURE() << id << ": no documentation page " << page.string();
      continue;
    }
    const std::string text = read_file(page);
    EXPECT_TRUE(text.starts_with("# " + id + "\n")) << page.string() << ": must start with `# " << id << "`";
    for (const char* section : {"\n## What it does\n", "\n## Why\n", "\n## Example\n", "\n## Use instead\n"})
      EXPECT_NE(text.find(section), std::string::npos) << page.string() << ": missing section " << section;
    EXPECT_TRUE(miglint::rule_doc(id).has_value())
        << id << ": page exists but is not embedded (re-run cmake so the build picks it up)";
  }
}

TEST(RulesConsistency, EveryRuleHasFiringAndSilentFixtures) {
  for (const auto& r : miglint::all_rules()) {
    const std::string id(r->id());
    if (kNoSingleFileFixture.contains(id)) continue;
    const auto c = coverage(id);
    EXPECT_TRUE(c.firing) << id << ": no fixture under testdata/rules/" << id << "/ with `-- expect: " << id << "`";
    EXPECT_TRUE(c.silent) << id << ": no silent fixture (a file without expectations) under testdata/rules/" << id
                          << "/";
  }
}

TEST(RulesConsistency, ExemptionsAreRealAndStillNeeded) {
  for (const auto& [id, reason] : kNoSingleFileFixture) {
    const auto* rule = miglint::find_rule(id);
    if (!rule) {
      ADD_FAILURE() << id << ": exempted from fixtures but not a registered rule; remove it from the list";
      continue;
    }
    const std::string_view group = rule->meta().group;
    EXPECT_TRUE(group == "file" || group == "folder" || group == "schema" || group == "verify")
        << id << ": only file, folder, schema and verify rules may go without single-file fixtures (group " << group
        << ")";
    const auto c = coverage(id);
    EXPECT_FALSE(c.firing && c.silent) << id << ": has fixtures now; remove it from the exemption list";
  }
}

TEST(RulesConsistency, FixtureFoldersNameRegisteredRules) {
  std::error_code ec;
  for (fs::directory_iterator it(fixtures_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory()) continue;
    const std::string id = it->path().filename().string();
    EXPECT_NE(miglint::find_rule(id), nullptr) << "testdata/rules/" << id << "/ names no registered rule";
  }
}

TEST(RulesConsistency, DocPagesNameRegisteredRules) {
  std::error_code ec;
  for (fs::directory_iterator it(docs_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".md") continue;
    const std::string id = it->path().stem().string();
    EXPECT_NE(miglint::find_rule(id), nullptr) << "docs/rules/" << id << ".md documents no registered rule";
  }
}

}  // namespace
