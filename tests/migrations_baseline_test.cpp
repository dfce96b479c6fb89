// Baselines: known findings survive edits elsewhere in the file, new ones do not hide.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "analyzer/diag/baseline.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

// A finding on every line containing "DROP", as a rule would report it.
std::vector<Diagnostic> findings(const std::string& path, const std::string& text) {
  SourceFile src(path, text);
  std::vector<Diagnostic> out;
  size_t pos = 0;
  while ((pos = text.find("DROP", pos)) != std::string::npos) {
    Diagnostic d;
    d.rule = "ban-drop-table";
    d.span = make_span(src, pos, text.find(';', pos));
    d.message = "drop";
    out.push_back(d);
    pos += 4;
  }
  return out;
}

TextLookup lookup(std::map<std::string, std::string>& files) {
  return [&files](const std::string& p) -> std::optional<std::string> {
    auto it = files.find(p);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST(MigrationsBaseline, SurvivesLinesInsertedAbove) {
  std::map<std::string, std::string> files;
  files["m/1.up.sql"] = "CREATE TABLE a (id int);\nDROP TABLE old;\nDROP TABLE old;\n";
  Baseline b = Baseline::from_diagnostics(findings("m/1.up.sql", files["m/1.up.sql"]), lookup(files));
  EXPECT_EQ(b.size(), 2u);

  files["m/1.up.sql"] = "-- a new comment\n\nCREATE TABLE a (id int);\n  DROP TABLE old;\nDROP TABLE old;\n";
  auto now = findings("m/1.up.sql", files["m/1.up.sql"]);
  EXPECT_TRUE(b.filter(now, lookup(files)).empty());

  // A third identical finding is new; so is an edited line.
  files["m/1.up.sql"] += "DROP TABLE old;\nDROP TABLE other;\n";
  auto more = b.filter(findings("m/1.up.sql", files["m/1.up.sql"]), lookup(files));
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].span.start.line, 6u);
  EXPECT_EQ(more[1].span.start.line, 7u);

  // Another path or rule is never matched.
  auto other = findings("m/2.up.sql", "DROP TABLE old;\n");
  files["m/2.up.sql"] = "DROP TABLE old;\n";
  EXPECT_EQ(b.filter(other, lookup(files)).size(), 1u);
}

TEST(MigrationsBaseline, RoundTripsThroughAFile) {
  std::map<std::string, std::string> files;
  files["a.sql"] = "DROP TABLE x;\n";
  auto ds = findings("a.sql", files["a.sql"]);
  Baseline b = Baseline::from_diagnostics(ds, lookup(files));
  fs::path file = fs::temp_directory_path() / ("miglint-baseline-" + std::to_string(::getpid()) + ".json");
  b.save(file);
  Baseline back = Baseline::load(file);
  EXPECT_EQ(back.to_json(), b.to_json());
  EXPECT_TRUE(back.filter(ds, lookup(files)).empty());
  fs::remove(file);

  EXPECT_THROW(Baseline::load(file), BaselineError);  // gone
  std::ofstream(file) << "{\"version\": 2}";
  EXPECT_THROW(Baseline::load(file), BaselineError);
  std::ofstream(file) << "not json";
  EXPECT_THROW(Baseline::load(file), BaselineError);
  fs::remove(file);
}

TEST(MigrationsBaseline, ReadsFilesFromDiskByDefault) {
  fs::path file = fs::temp_directory_path() / ("miglint-baseline-" + std::to_string(::getpid()) + ".sql");
  std::ofstream(file) << "DROP TABLE x;\n";
  auto ds = findings(file.string(), "DROP TABLE x;\n");
  Baseline b = Baseline::from_diagnostics(ds);
  std::ofstream(file) << "\n\nDROP TABLE x;\n";
  EXPECT_TRUE(b.filter(findings(file.string(), "\n\nDROP TABLE x;\n")).empty());
  fs::remove(file);
}
