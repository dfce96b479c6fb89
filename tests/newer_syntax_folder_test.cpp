// A folder that targets PostgreSQL 18 and uses syntax PostgreSQL 15 lacks
// (testdata/migrations/newer_syntax), through the built binary: with its own
// pg_version (18) nothing is a syntax error or an error at all; with
// --pg-version 15 and 17, each use marked `-- needs N` gets exactly one
// requires-newer-postgres finding naming N on the line after the marker (or a
// later line of the same statement), and nothing else is a syntax error.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/ast/pg_compat.h"
#include "analyzer/migrations/git.h"
#include "tests/fixture_support.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

const fs::path kFolder = miglint::testing::source_dir() / "testdata" / "migrations" / "newer_syntax";

nlohmann::json check(const std::vector<std::string>& extra) {
  std::vector<std::string> argv{MIGLINT_BINARY, "check", "--format", "json", "--fail-on", "never"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(kFolder.string());
  const auto r = run_process(argv);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// (file name, version) -> how many `-- needs <version>` markers the file has.
std::map<std::pair<std::string, int>, int> markers() {
  std::map<std::pair<std::string, int>, int> out;
  for (const auto& e : fs::directory_iterator(kFolder / "migrations")) {
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      const auto at = line.find("-- needs ");
      if (at != std::string::npos) ++out[{e.path().filename().string(), std::stoi(line.substr(at + 9))}];
    }
  }
  return out;
}

}  // namespace

TEST(NewerSyntaxFolder, CleanForItsOwnTarget) {
  if (pgc::kGrammarMajor < 18) GTEST_SKIP() << "needs the PostgreSQL 18 grammar";
  const auto j = check({});
  for (const auto& d : j["diagnostics"]) {
    EXPECT_NE(d["rule"], "syntax-error") << d.dump();
    EXPECT_NE(d["rule"], "requires-newer-postgres") << d.dump();
    EXPECT_NE(d["severity"], "error") << d.dump();
  }
}

TEST(NewerSyntaxFolder, OneFindingPerUseForAnOlderTarget) {
  if (pgc::kGrammarMajor < 18) GTEST_SKIP() << "needs the PostgreSQL 18 grammar";
  const auto expected_all = markers();
  ASSERT_GE(expected_all.size(), 6U);
  for (const int target : {15, 17}) {
    SCOPED_TRACE("pg_version " + std::to_string(target));
    std::map<std::pair<std::string, int>, int> expected, got;
    for (const auto& [k, n] : expected_all)
      if (k.second > target) expected[k] = n;
    const auto j = check({"--pg-version", std::to_string(target)});
    for (const auto& d : j["diagnostics"]) {
      EXPECT_NE(d["rule"], "syntax-error") << d.dump();
      if (d["rule"] != "requires-newer-postgres") continue;
      const std::string msg = d["message"];
      EXPECT_NE(msg.find("pg_version is " + std::to_string(target)), std::string::npos) << msg;
      int needs = 0;
      for (const int v : {16, 17, 18})
        if (msg.find("PostgreSQL " + std::to_string(v)) != std::string::npos) needs = v;
      ++got[{fs::path(d["path"].get<std::string>()).filename().string(), needs}];
    }
    EXPECT_EQ(got, expected);
  }
}
