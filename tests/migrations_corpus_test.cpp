// The real migration folders in /work/shared/corpus: right layout, right
// count, and no folder finding a reviewer would call false. Skips when absent.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/migration.h"
#include "rules/folder/folder_checks.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

const fs::path kCorpus = "/work/shared/corpus";

struct Expected {
  const char* name;
  const char* layout;
  size_t migrations;
};

// Named in test output instead of gtest dumping the struct's bytes.
void PrintTo(const Expected& e, std::ostream* os) { *os << e.name; }

std::string summary(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const Diagnostic& d : ds) s += d.rule + " " + d.span.path + ": " + d.message + "\n";
  return s;
}

}  // namespace

class MigrationsCorpus : public ::testing::TestWithParam<Expected> {};

TEST_P(MigrationsCorpus, LayoutCountAndNoFalseFolderFindings) {
  const Expected& e = GetParam();
  fs::path dir = kCorpus / e.name / "migrations";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not present";
  MigrationFolder f = load_migration_folder(dir, {});
  EXPECT_EQ(f.layout->name(), e.layout);
  EXPECT_EQ(f.migrations.size(), e.migrations);
  size_t pairs = 0;
  for (const Migration& m : f.migrations) pairs += m.up && m.down;
  EXPECT_EQ(pairs, e.migrations);
  EXPECT_TRUE(f.diagnostics.empty()) << summary(f.diagnostics);
  EXPECT_TRUE(check_missing_down(f).empty());
  EXPECT_TRUE(check_missing_up(f).empty());
  EXPECT_TRUE(check_version_collision(f).empty()) << summary(check_version_collision(f));
  for (size_t i = 1; i < f.migrations.size(); ++i) EXPECT_LT(f.migrations[i - 1].key, f.migrations[i].key);

  auto names = check_migration_name(f, {});
  if (std::string(e.name) == "rust-lang__crates.io") {
    // The one diesel folder named with spaces and capitals among snake_case.
    ASSERT_EQ(names.size(), 1u) << summary(names);
    EXPECT_NE(names[0].span.path.str().find("Add email notifications to crate owners"), std::string::npos);
  } else {
    EXPECT_TRUE(names.empty()) << summary(names);
  }

  // Transaction modes the corpus declares.
  size_t non_tx = 0;
  for (const Migration& m : f.migrations) non_tx += !m.in_transaction;
  if (std::string_view(e.layout) == "folder") {
    EXPECT_EQ(non_tx, 7u);  // seven metadata.toml with run_in_transaction = false
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, MigrationsCorpus,
                         ::testing::Values(Expected{"authelia__authelia", "updown", 26},
                                           Expected{"ory__kratos", "updown", 346},
                                           Expected{"rust-lang__crates.io", "folder", 285}),
                         [](const ::testing::TestParamInfo<Expected>& p) {
                           std::string n = p.param.name;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(MigrationsCorpusKratos, AutocommitFilesAreNotTransactional) {
  fs::path dir = kCorpus / "ory__kratos" / "migrations";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not present";
  MigrationFolder f = load_migration_folder(dir, {});
  size_t autocommit = 0;
  for (const Migration& m : f.migrations) {
    bool ac = fs::path(m.up->file.str()).filename().string().find(".autocommit.") != std::string::npos;
    autocommit += ac;
    EXPECT_EQ(m.in_transaction, !ac);  // popx wraps every migration not marked .autocommit.
    // The .postgres. file wins whenever it exists.
    std::string up = fs::path(m.up->file.str()).filename().string();
    if (up.find(".postgres.") == std::string::npos) {
      std::string pg = up.substr(0, up.size() - 7) + ".postgres.up.sql";
      EXPECT_FALSE(fs::exists(dir / pg)) << up;
    }
  }
  EXPECT_EQ(autocommit, 10u);  // two of them also carry .postgres.
  Config tx;
  tx.assume_in_transaction = true;
  size_t non_tx = 0;
  for (const Migration& m : load_migration_folder(dir, tx).migrations) non_tx += !m.in_transaction;
  EXPECT_EQ(non_tx, 10u);
}
