// The language server's cache (parsed files, folder listings, the schema
// model before the edited migration) must never change what is reported:
// every cached analysis equals a fresh one on the same text.
#include <gtest/gtest.h>

#include <fstream>

#include "analyzer/engine/runner.h"
#include "analyzer/migrations/folder_rules.h"
#include "analyzer/source/display_path.h"

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

std::string where(const miglint::Span& s) {
  return s.path + ":" + std::to_string(s.start.line) + ":" + std::to_string(s.start.column) + "-" +
         std::to_string(s.stop.line) + ":" + std::to_string(s.stop.column) + " [" + std::to_string(s.begin) + "," +
         std::to_string(s.end) + ")";
}

std::vector<std::string> render(const miglint::AnalysisResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    std::string line = where(d.span) + " " + d.rule + " " + std::to_string(static_cast<int>(d.severity)) + " " +
                       d.message + " | " + d.help;
    for (const auto& n : d.notes) line += " | note " + where(n.span) + " " + n.message;
    out.push_back(line);
  }
  return out;
}

bool reported(const std::vector<std::string>& diags, const std::string& rule) {
  for (const auto& d : diags)
    if (d.find(" " + rule + " ") != std::string::npos) return true;
  return false;
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
  // Returns the findings.
  std::vector<std::string> expect_same(const fs::path& file, const std::string& text) {
    miglint::AnalysisOptions o;
    o.paths = {file};
    o.jobs = 2;
    o.overlays[fs::weakly_canonical(file)] = text;
    const auto fresh = render(miglint::analyze(o));
    o.cache = &cache;
    const auto cached = render(miglint::analyze(o));
    EXPECT_EQ(cached, fresh) << text;
    return cached;
  }

  // The whole folder, as `check` sees it (no edited file: no model snapshot).
  std::vector<std::string> expect_same_folder() {
    miglint::AnalysisOptions o;
    o.paths = {t.dir};
    o.jobs = 2;
    const auto fresh = render(miglint::analyze(o));
    o.cache = &cache;
    const auto cached = render(miglint::analyze(o));
    EXPECT_EQ(cached, fresh);
    return cached;
  }

  const miglint::AnalysisCache::Folder& folder_cache() const {
    EXPECT_EQ(cache.folders.size(), 1u);
    return cache.folders.begin()->second;
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

// Folder checks (missing-down, version-collision, miglint.sum) are kept
// with the listing; a migration changed on disk must still be reported.
TEST_F(AnalysisCache, FolderChecksSeeFilesChangedOnDisk) {
  t.write("20240105000000_lonely.up.sql", "SELECT 1;\n");  // missing-down
  miglint::write_sum_file(miglint::load_migration_folder(t.dir, {}));
  auto diags = expect_same_folder();
  EXPECT_TRUE(reported(diags, "missing-down"));
  EXPECT_FALSE(reported(diags, "modified-migration"));
  expect_same(edited, "ALTER TABLE users ADD COLUMN nick text;\n");
  EXPECT_TRUE(folder_cache().checks_valid);
  // An applied migration edited on disk: the directory does not change.
  const fs::path first = t.dir / "20240101000000_users.up.sql";
  const auto before = fs::last_write_time(first);
  t.write("20240101000000_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  fs::last_write_time(first, before + std::chrono::seconds(5));
  diags = expect_same_folder();
  EXPECT_TRUE(reported(diags, "modified-migration"));
  // miglint.sum rewritten: the finding goes away.
  miglint::write_sum_file(miglint::load_migration_folder(t.dir, {}));
  diags = expect_same_folder();
  EXPECT_FALSE(reported(diags, "modified-migration"));
  EXPECT_TRUE(reported(diags, "missing-down"));
}

// unintended-drop resumes from its state before the edited migration: the
// objects that exist (the migration name resolves against them), and the
// findings on earlier migrations, one of which (an intent naming an object
// that never exists) depends on later migrations, the edited one included.
TEST_F(AnalysisCache, UnintendedDropResumesBeforeTheEditedMigration) {
  t.write("20240104000000_cleanup.up.sql",
          "-- miglint:intent drop table ghosts\n"
          "DROP INDEX users_email_idx;\n");
  t.write("20240104000000_cleanup.down.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  edited = t.write("20240105000000_drop_pins.up.sql", "DROP TABLE pins;\n");
  t.write("20240105000000_drop_pins.down.sql",
          "CREATE TABLE pins (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n");
  auto diags = expect_same(edited, "DROP TABLE pins;\n");
  EXPECT_FALSE(reported(diags, "unintended-drop"));
  // The model and the rule's state before this migration now come from the cache.
  diags = expect_same(edited, "DROP TABLE pins;\nDROP TABLE users CASCADE;\n");
  EXPECT_TRUE(reported(diags, "unintended-drop"));
  ASSERT_TRUE(folder_cache().walks_before);
  EXPECT_FALSE(folder_cache().walks_before->walks.empty());
  // The earlier intent names `ghosts`: it exists once this migration creates it.
  expect_same(edited, "DROP TABLE pins;\nCREATE TABLE ghosts (id int);\n");
  expect_same(edited, "DROP TABLE pins;\n");
  // The earlier migration itself is checked as a fresh analysis would.
  const fs::path cleanup = t.dir / "20240104000000_cleanup.up.sql";
  diags = expect_same(cleanup, "-- miglint:intent drop table ghosts\nDROP INDEX users_email_idx;\n");
  EXPECT_TRUE(reported(diags, "unintended-drop"));
  expect_same(cleanup, "-- miglint:intent drop index users_email_idx\nDROP INDEX users_email_idx;\n");
  expect_same(edited, "DROP TABLE pins;\nCREATE TABLE ghosts (id int);\n");
}

// A stored state must not outlive the migrations it was computed from: here a
// stale one would not know the table an earlier migration now creates, so the
// drop of it would go unreported.
TEST_F(AnalysisCache, UnintendedDropStateFollowsEditsBeforeIt) {
  edited = t.write("20240105000000_drop_pins.up.sql", "DROP TABLE pins;\n");
  t.write("20240105000000_drop_pins.down.sql",
          "CREATE TABLE pins (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n");
  const std::string text = "DROP TABLE pins;\nDROP TABLE extra;\n";
  auto diags = expect_same(edited, text);
  EXPECT_FALSE(reported(diags, "unintended-drop"));
  expect_same(edited, text);
  ASSERT_TRUE(folder_cache().walks_before);
  EXPECT_FALSE(folder_cache().walks_before->walks.empty());
  // An earlier migration, changed on disk, now creates `extra` (one statement, as before).
  const fs::path earlier = t.dir / "20240103000000_name.up.sql";
  t.write("20240103000000_name.up.sql", "CREATE TABLE extra (id int);\n");
  fs::last_write_time(earlier, fs::last_write_time(earlier) + std::chrono::seconds(5));
  diags = expect_same(edited, text);
  EXPECT_TRUE(reported(diags, "unintended-drop"));
}

// A file checked alone (the language server) has its expressions deparsed
// and normalised by another thread ahead of the replay (ExprPrefetch); its
// findings must be those the whole folder's check reports on it.
TEST_F(AnalysisCache, FileAloneReportsAsTheWholeFolder) {
  const std::string up =
      "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT 't';\n"
      "ALTER TABLE users ADD COLUMN born date DEFAULT '2020-01-01';\n"
      "ALTER TABLE users ADD COLUMN seen timestamp DEFAULT 'epoch';\n"
      "CREATE SEQUENCE users_seq;\n"
      "ALTER TABLE users ADD COLUMN n bigint DEFAULT nextval('users_seq');\n"
      "ALTER TABLE users ADD CONSTRAINT email_len CHECK (length(email) > 3);\n"
      "CREATE TABLE things (id int PRIMARY KEY, kind text CHECK (kind IN ('a', 'b')),\n"
      "  at timestamptz DEFAULT now(), flag boolean DEFAULT 'yes', day date DEFAULT '2021-02-03',\n"
      "  total numeric GENERATED ALWAYS AS (id * 2) STORED, CONSTRAINT pos CHECK (id > 0) NOT VALID);\n"
      "CREATE INDEX things_lower_idx ON things (lower(kind)) WHERE kind <> 'a';\n";
  edited = t.write("20240103000000_name.up.sql", up);
  // Not the inverse, in the expressions: the findings quote them.
  const fs::path down = t.write("20240103000000_name.down.sql",
                                "DROP TABLE things;\n"
                                "ALTER TABLE users DROP CONSTRAINT email_len;\n"
                                "ALTER TABLE users ADD CONSTRAINT email_len CHECK (length(email) > 4);\n"
                                "ALTER TABLE users ALTER COLUMN active SET DEFAULT 'f';\n"
                                "ALTER TABLE users DROP COLUMN n;\n"
                                "DROP SEQUENCE users_seq;\n"
                                "ALTER TABLE users DROP COLUMN seen;\n"
                                "ALTER TABLE users DROP COLUMN born;\n");
  miglint::AnalysisOptions whole;
  whole.paths = {t.dir};
  const auto all = miglint::analyze(whole);
  std::vector<std::string> expected, expected_up;
  for (const auto& line : render(all)) {
    if (line.starts_with(miglint::display_path(edited) + ":")) expected_up.push_back(line);
    if (line.starts_with(miglint::display_path(edited) + ":") || line.starts_with(miglint::display_path(down) + ":"))
      expected.push_back(line);
  }
  EXPECT_TRUE(reported(expected, "down-not-inverse"));
  // Both halves alone: the down's findings compare the expressions.
  miglint::AnalysisOptions alone;
  alone.paths = {edited, down};
  EXPECT_EQ(render(miglint::analyze(alone)), expected);
  expect_same(edited, up);
  EXPECT_EQ(expect_same(edited, up), expected_up);
}

// Constants are normalised by the column's type: a prefetched expression
// normalised without one must not stand for it ('t' is true for a boolean).
TEST_F(AnalysisCache, FileAloneNormalisesConstantsByColumnType) {
  const fs::path a = t.write("20240104000000_flags.up.sql",
                             "CREATE TABLE flags (id int, enabled boolean DEFAULT 't');\n");
  t.write("20240104000000_flags.down.sql", "DROP TABLE flags;\n");
  const fs::path b = t.write("20240105000000_off.up.sql",
                             "ALTER TABLE flags ALTER COLUMN enabled SET DEFAULT false;\n");
  const fs::path b_down = t.write("20240105000000_off.down.sql",
                                  "ALTER TABLE flags ALTER COLUMN enabled SET DEFAULT true;\n");
  miglint::AnalysisOptions whole;
  whole.paths = {t.dir};
  std::vector<std::string> expected;
  for (const auto& line : render(miglint::analyze(whole)))
    for (const auto& p : {a, b, b_down})
      if (line.starts_with(miglint::display_path(p) + ":")) expected.push_back(line);
  EXPECT_FALSE(reported(expected, "down-not-inverse"));
  miglint::AnalysisOptions alone;
  alone.paths = {a, b, b_down};
  EXPECT_EQ(render(miglint::analyze(alone)), expected);
}

}  // namespace
