// miglint.sum: write, verify, detect edits, deletions and tampering.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/file_io.h"
#include "rules/folder/folder_checks.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

struct Scratch {
  fs::path path;
  explicit Scratch(const std::string& fixture_name) {
    std::string tmpl = (fs::temp_directory_path() / "miglint-sum-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
    fs::copy(fs::path(MIGLINT_SOURCE_DIR) / "testdata/migrations" / fixture_name, path, fs::copy_options::recursive);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void append(const std::string& rel, const std::string& text) const {
    std::ofstream(path / rel, std::ios::app | std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::string s;
    read_file_bytes(path / rel, s);
    return s;
  }
  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(path / rel, std::ios::binary | std::ios::trunc) << text;
  }
  MigrationFolder load() const { return load_migration_folder(path, {}); }
};

std::vector<Diagnostic> check(const Scratch& s) { return check_sum_file(s.load()); }

}  // namespace

TEST(MigrationsSum, FreshSumIsSilentAndStable) {
  Scratch s("folder_diesel");
  EXPECT_TRUE(check(s).empty());  // no miglint.sum: nothing to say
  fs::path written = write_sum_file(s.load());
  EXPECT_EQ(written.filename(), "miglint.sum");
  std::string text = s.read("miglint.sum");
  EXPECT_NE(text.find(" 2017-08-31-230457_add email to users\n"), std::string::npos) << text;
  ASSERT_GT(text.size(), 71u);
  EXPECT_EQ(text.substr(text.size() - 71, 6), "total ");
  EXPECT_TRUE(check(s).empty());
  EXPECT_EQ(render_sum_file(s.load()), text);  // deterministic
}

TEST(MigrationsSum, EditedMigrationIsReported) {
  Scratch s("updown_order");
  write_sum_file(s.load());
  s.append("9_step_9.down.sql", "-- a comment is a change too\n");
  auto ds = check(s);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].rule, "modified-migration");
  EXPECT_EQ(ds[0].severity, Severity::Error);
  EXPECT_EQ(fs::path(ds[0].span.path.str()).filename(), "9_step_9.up.sql");
  ASSERT_EQ(ds[0].notes.size(), 1u);
  EXPECT_EQ(fs::path(ds[0].notes[0].span.path.str()).filename(), "miglint.sum");
  // A new migration is not a modification.
  Scratch t("updown_order");
  write_sum_file(t.load());
  t.write("11_step_11.up.sql", "SELECT 1;\n");
  t.write("11_step_11.down.sql", "SELECT 1;\n");
  EXPECT_TRUE(check(t).empty());
}

TEST(MigrationsSum, GooseSectionsAndLineEndings) {
  Scratch s("goose");
  write_sum_file(s.load());
  // CRLF line endings are the same content.
  std::string text = s.read("00002_index_users.sql");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  s.write("00002_index_users.sql", crlf);
  EXPECT_TRUE(check(s).empty());
  s.append("00001_create_users.sql", "DROP TABLE extra;\n");  // lands in the Down section
  auto ds = check(s);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(fs::path(ds[0].span.path.str()).filename(), "00001_create_users.sql");
}

TEST(MigrationsSum, RemovedMigrationIsReported) {
  Scratch s("updown_order");
  write_sum_file(s.load());
  fs::remove(s.path / "2_step_2.up.sql");
  fs::remove(s.path / "2_step_2.down.sql");
  auto ds = check(s);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(fs::path(ds[0].span.path.str()).filename(), "miglint.sum");
  EXPECT_NE(ds[0].message.find("2_step_2.up.sql"), std::string::npos) << ds[0].message;
  EXPECT_NE(ds[0].message.find("no longer exists"), std::string::npos);
  EXPECT_GT(ds[0].span.start.line, 1u);
}

TEST(MigrationsSum, TamperedSumFileIsReported) {
  Scratch s("updown_order");
  write_sum_file(s.load());
  std::string text = s.read("miglint.sum");
  // Make the recorded hash of 1_step_1 match an edit, without fixing the total.
  s.append("1_step_1.up.sql", "-- edited\n");
  std::string fresh = render_sum_file(s.load());
  size_t line = fresh.find(" 1_step_1.up.sql\n");
  size_t old_line = text.find(" 1_step_1.up.sql\n");
  ASSERT_NE(line, std::string::npos);
  text.replace(old_line - 64, 64, fresh.substr(line - 64, 64));
  s.write("miglint.sum", text);
  auto ds = check(s);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].rule, "modified-migration");
  EXPECT_NE(ds[0].message.find("edited by hand"), std::string::npos) << ds[0].message;

  s.write("miglint.sum", "garbage\n");
  auto g = check(s);
  ASSERT_FALSE(g.empty());
  EXPECT_NE(g[0].message.find("edited by hand"), std::string::npos);
}
