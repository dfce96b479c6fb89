// One file whose analysis fails (std::bad_alloc above all) costs that file's
// findings only: the failure is a finding on that file, and every other file
// is still analysed. The failure is thrown at each stage of the real
// analysis (reading and parsing, the rules, the replay) through the
// analysis's stage hook.
#include <gtest/gtest.h>

#include <new>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>

#include "analyzer/engine/runner.h"
#include "temp_folder.h"

using namespace miglint;

namespace {

using Seen = std::set<std::tuple<std::string, std::string, int>>;  // rule, file name, line

Seen seen(const AnalysisResult& r) {
  Seen out;
  for (const auto& d : r.diagnostics)
    out.emplace(d.rule.str(), std::filesystem::path(d.span.path.str()).filename().string(), d.span.start.line);
  return out;
}

struct Folder {
  miglint::testing::TempFolder tmp;
  Folder() {
    tmp.write("20240101000000_a.up.sql", "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\n");
    tmp.write("20240101000000_a.down.sql", "DROP TABLE t;\n");
    tmp.write("20240102000000_b.up.sql",
              "CREATE TABLE u (b int);\nALTER TABLE t ADD COLUMN c int NOT NULL;\nCREATE INDEX t_c ON t (c);\n");
    tmp.write("20240102000000_b.down.sql", "DROP TABLE u;\n");
  }
  AnalysisOptions options(unsigned jobs) const {
    AnalysisOptions o;
    o.paths = {tmp.dir};
    o.jobs = jobs;
    o.release_syntax = true;  // as `check` runs it
    return o;
  }
};

// The findings of the files other than `name`.
Seen others(const Seen& all, const std::string& name) {
  Seen out;
  for (const auto& f : all)
    if (std::get<1>(f) != name) out.insert(f);
  return out;
}

}  // namespace

TEST(AnalysisFailure, OutOfMemoryInOneFileIsAFindingOnThatFileAndTheRestGoesOn) {
  const Folder folder;
  for (unsigned jobs : {1u, 2u}) {
    const Seen clean = seen(analyze(folder.options(jobs)));
    ASSERT_FALSE(others(clean, "20240101000000_a.up.sql").empty());
    for (const std::string stage : {"parse", "rules"}) {
      SCOPED_TRACE(stage + " with --jobs " + std::to_string(jobs));
      AnalysisOptions o = folder.options(jobs);
      int thrown = 0;
      o.on_stage = [&](std::string_view at, const std::string& path) {
        if (at == stage && path.ends_with("20240102000000_b.up.sql")) {
          ++thrown;
          throw std::bad_alloc();
        }
      };
      const AnalysisResult r = analyze(o);
      EXPECT_EQ(thrown, 1);
      const Seen got = seen(r);
      EXPECT_TRUE(got.contains({"unreadable-file", "20240102000000_b.up.sql", 1}));
      bool said = false;
      for (const auto& d : r.diagnostics)
        said = said || (d.rule == "unreadable-file" && d.message.find("out of memory") != std::string::npos);
      EXPECT_TRUE(said);
      // Migration a's findings are all there, as without the failure.
      for (const auto& f : clean)
        if (std::get<1>(f).starts_with("20240101000000_a")) EXPECT_TRUE(got.contains(f)) << std::get<0>(f);
    }
  }
}

TEST(AnalysisFailure, AFailedReplayStepKeepsEveryFilesRuleFindings) {
  const Folder folder;
  const Seen clean = seen(analyze(folder.options(2)));
  for (const char* rule : {"require-concurrent-index-creation", "adding-required-field"})
    EXPECT_TRUE(clean.contains({rule, "20240102000000_b.up.sql", rule[0] == 'r' ? 3 : 2})) << rule;
  AnalysisOptions o = folder.options(2);
  o.on_stage = [&](std::string_view at, const std::string& path) {
    if (at == "replay" && path.ends_with("20240101000000_a.up.sql")) throw std::runtime_error("model exploded");
  };
  const AnalysisResult r = analyze(o);
  bool said = false;
  for (const auto& d : r.diagnostics)
    said = said || (d.rule == "unreadable-file" && d.message == "could not analyse file: model exploded");
  EXPECT_TRUE(said);
  // The statement rules' findings of every file are intact.
  const Seen got = seen(r);
  for (const auto& f : clean)
    if (std::get<0>(f) == "require-concurrent-index-creation" || std::get<0>(f) == "adding-required-field" ||
        std::get<0>(f) == "prefer-bigint-over-int")
      EXPECT_TRUE(got.contains(f)) << std::get<0>(f) << " " << std::get<1>(f);
}
