// The language server's cache (parsed files, folder listings, the schema
// model before the edited migration) must never change what is reported:
// every cached analysis equals a fresh one on the same text.
#include <gtest/gtest.h>

#include <fstream>

#include "analyzer/engine/runner.h"

namespace fs = std::filesystem;

namespace {

struct TempFolder {
  fs::path dir;
  TempFolder() {
    dir = fs::temp_directory_path() / ("miglint-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempFolder() { fs::remove_all(dir); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }
};

std::vector<std::string> render(const miglint::AnalysisResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    out.push_back(d.span.path + ":" + std::to_string(d.span.start.line) + ":" + std::to_string(d.span.start.column) +
                  " " + d.rule + " " + d.message);
  return out;
}

class AnalysisCache : public ::testing::Test {
 protected:
  void SetUp() override {
    t.write("20240101000000_users.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
            "CREATE INDEX users_email_idx ON users (email);\n");
    t.write("20240101000000_users.down.sql", "DROP TABLE users;\n");
    t.write("20240102000000_pins.up.sql",
            "CREATE TABLE pins (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n");
    t.write("20240102000000_pins.down.sql", "DROP TABLE pins;\n");
    edited = t.write("20240103000000_name.up.sql", "ALTER TABLE users ADD COLUMN name text;\n");
    t.write("20240103000000_name.down.sql", "ALTER TABLE users DROP COLUMN name;\n");
  }

  // The same analysis with and without the cache; both must agree.
  void expect_same(const fs::path& file, const std::string& text) {
    miglint::AnalysisOptions o;
    o.paths = {file};
    o.jobs = 2;
    o.overlays[fs::weakly_canonical(file)] = text;
    const auto fresh = render(miglint::analyze(o));
    o.cache = &cache;
    EXPECT_EQ(render(miglint::analyze(o)), fresh) << text;
  }

  TempFolder t;
  fs::path edited;
  miglint::AnalysisCache cache;
};

TEST_F(AnalysisCache, EditsOfTheLastMigrationReportAsAFreshAnalysis) {
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text;\n");
  // The model before this migration comes from the cache from now on.
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text NOT NULL;\n");
  expect_same(edited, "ALTER TABLE pins DROP COLUMN nope;\n");  // unknown-object
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text;\nDROP TABLE users;\n");
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text;\n");
  EXPECT_FALSE(cache.folders.empty());
  EXPECT_FALSE(cache.files.empty());
}

TEST_F(AnalysisCache, EditsOfAnEarlierMigrationInvalidateTheModelAfterIt) {
  const fs::path down = t.dir / "20240102000000_pins.down.sql";
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text;\n");
  expect_same(down, "DROP TABLE pins;\n");
  expect_same(down, "SELECT 1;\n");  // down-not-inverse
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text;\n");
}

TEST_F(AnalysisCache, FilesChangedOnDiskAreReadAgain) {
  const fs::path first = t.dir / "20240101000000_users.up.sql";
  expect_same(edited, "DROP INDEX users_email_ix2;\n");
  expect_same(edited, "DROP INDEX users_email_ix2;\n");
  // Same size, new content: the modification time tells.
  t.write("20240101000000_users.up.sql",
          "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
          "CREATE INDEX users_email_ix2 ON users (email);\n");
  fs::last_write_time(first, fs::last_write_time(first) + std::chrono::seconds(5));
  // A stale model would not know the renamed index (unknown-object).
  expect_same(edited, "DROP INDEX users_email_ix2;\n");
  // A new migration changes the directory.
  t.write("20240104000000_drop_users.up.sql", "DROP TABLE users;\n");
  expect_same(edited, "ALTER TABLE users ADD COLUMN name text;\n");
}

}  // namespace
