// On the real corpus folders, miglint's syntax errors are exactly the files
// PostgreSQL 15 rejected with a syntax error (the truth's recorded psql
// errors are the oracle), at the line PostgreSQL reported.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "analyzer/engine/runner.h"

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = "/work/shared/corpus";

TEST(CorpusSyntax, SyntaxErrorsMatchWhatPostgresRejected) {
  if (!fs::is_directory(kCorpus)) GTEST_SKIP() << "corpus not present";
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    const fs::path root = entry.path();
    if (!fs::is_directory(root / "migrations")) continue;
    // The truth: "psql:<file>:<line>: ERROR:  syntax error ..." lines.
    std::set<std::pair<std::string, int>> rejected;
    static const std::regex line_re(R"(^psql:(.+):(\d+): ERROR:\s+(syntax error|unterminated|invalid)[^\n]*)");
    for (const auto& t : fs::directory_iterator(root / "truth")) {
      if (t.path().extension() != ".err") continue;
      std::ifstream in(t.path());
      std::string line;
      while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, line_re))
          rejected.insert({(root / m[1].str()).lexically_normal().string(), std::stoi(m[2])});
      }
    }
    miglint::AnalysisOptions o;
    o.paths = {root / "migrations"};
    o.select = {"syntax-error"};
    const auto r = miglint::analyze(o);
    std::set<std::pair<std::string, int>> reported;
    for (const auto& d : r.diagnostics) {
      ASSERT_EQ(d.rule, "syntax-error");
      reported.insert(
          {fs::absolute(d.span.path.str()).lexically_normal().string(), static_cast<int>(d.span.start.line)});
    }
    for (const auto& f : reported)
      EXPECT_TRUE(rejected.contains(f)) << "PostgreSQL accepted " << f.first << ":" << f.second;
    for (const auto& f : rejected) EXPECT_TRUE(reported.contains(f)) << "missed " << f.first << ":" << f.second;
    std::cout << root.filename().string() << ": " << reported.size() << " syntax error(s), PostgreSQL rejected "
              << rejected.size() << "\n";
  }
}

}  // namespace
