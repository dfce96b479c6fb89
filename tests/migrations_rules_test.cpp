// Folder rules firing and staying silent on fixture folders.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "analyzer/migrations/migration.h"
#include "rules/folder/folder_checks.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

fs::path fixture(const std::string& name) { return fs::path(MIGLINT_SOURCE_DIR) / "testdata/migrations" / name; }

MigrationFolder load(const std::string& name) { return load_migration_folder(fixture(name), {}); }

std::string base(const std::string& path) { return fs::path(path).filename().string(); }

std::vector<std::string> files_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) out.push_back(base(d.span.path));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(MigrationsRules, MissingDownAndMissingUp) {
  MigrationFolder f = load("updown_missing");
  auto downs = check_missing_down(f);
  ASSERT_EQ(files_of(downs), (std::vector<std::string>{"2_add_email.up.sql"}));
  EXPECT_EQ(downs[0].rule, "missing-down");
  EXPECT_EQ(downs[0].severity, Severity::Warning);
  EXPECT_NE(downs[0].help.str().find("2_add_email.down.sql"), std::string::npos) << downs[0].help;
  auto ups = check_missing_up(f);
  ASSERT_EQ(files_of(ups), (std::vector<std::string>{"3_orphan.down.sql"}));
  EXPECT_EQ(ups[0].rule, "missing-up");
  EXPECT_EQ(ups[0].severity, Severity::Error);
  // Silent where everything is paired.
  EXPECT_TRUE(check_missing_down(load("updown_order")).empty());
  EXPECT_TRUE(check_missing_up(load("updown_order")).empty());
  EXPECT_TRUE(check_missing_down(load("plain")).empty());
}

TEST(MigrationsRules, VersionCollisionReportsBothWithNotes) {
  MigrationFolder f = load("updown_collision");
  auto ds = check_version_collision(f);
  ASSERT_EQ(files_of(ds), (std::vector<std::string>{"1_create_a.up.sql", "1_create_b.up.sql"}));
  for (const Diagnostic& d : ds) {
    EXPECT_EQ(d.rule, "version-collision");
    EXPECT_EQ(d.severity, Severity::Error);
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_NE(base(d.notes[0].span.path), base(d.span.path));
  }
  // Pairing stays by name inside the colliding version.
  for (const Migration& m : f.migrations) {
    ASSERT_TRUE(m.up && m.down);
    EXPECT_EQ(fs::path(m.up->file.str()).filename().string().substr(0, 10),
              fs::path(m.down->file.str()).filename().string().substr(0, 10));
  }
  EXPECT_TRUE(check_version_collision(load("updown_order")).empty());
  // Diesel's 2018-01-01-000000 and 2018-01-01-000000-0000 are different versions.
  EXPECT_TRUE(check_version_collision(load("folder_diesel")).empty());
  // popx's neutral and .postgres. files of one version are one migration.
  EXPECT_TRUE(check_version_collision(load("updown_dialect")).empty());
}

TEST(MigrationsRules, MigrationNameFollowsTheDominantScheme) {
  auto ds = check_migration_name(load("naming"), {});
  ASSERT_EQ(files_of(ds),
            (std::vector<std::string>{"202401070000_short_timestamp.up.sql", "20240108000000_AddUsersTable.up.sql",
                                      "20240109000000_drop-users.up.sql"}));
  for (const Diagnostic& d : ds) {
    EXPECT_EQ(d.rule, "migration-name");
    EXPECT_EQ(d.severity, Severity::Warning);
    if (base(d.span.path).find("short") != std::string::npos) {
      EXPECT_NE(d.message.find("12-digit"), std::string::npos) << d.message;
    }
    if (base(d.span.path).find("AddUsers") != std::string::npos) {
      EXPECT_NE(d.message.find("CamelCase"), std::string::npos) << d.message;
    }
  }
  // Consistent folders and folders too small to have a scheme stay silent.
  for (const char* name : {"updown_order", "updown_authelia", "goose", "dbmate", "plain", "flyway"})
    EXPECT_TRUE(check_migration_name(load(name), {}).empty()) << name;
}

TEST(MigrationsRules, MigrationNameWithConfiguredPattern) {
  Config cfg;
  cfg.name_pattern = Pattern::compile(R"(^\d{14}_[a-z0-9_]+$)", nullptr);
  auto ds = check_migration_name(load("naming"), cfg);
  EXPECT_EQ(files_of(ds),
            (std::vector<std::string>{"202401070000_short_timestamp.up.sql", "20240108000000_AddUsersTable.up.sql",
                                      "20240109000000_drop-users.up.sql"}));
  cfg.name_pattern = Pattern::compile(R"(^\d+_[a-z0-9_]+$)", nullptr);
  EXPECT_TRUE(check_migration_name(load("updown_order"), cfg).empty());
}

TEST(MigrationsRules, NamePatternsRunInLinearTime) {
  // A pattern that makes a backtracking engine take exponential time on a
  // name that almost matches: RE2 answers at once.
  const fs::path dir = fs::temp_directory_path() / ("miglint-re-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string name = "20240101000000_" + std::string(40, 'a') + "!";
  for (const char* half : {".up.sql", ".down.sql"}) std::ofstream(dir / (name + half)) << "SELECT 1;\n";
  Config cfg;
  cfg.name_pattern = Pattern::compile(R"(^\d{14}_(a+)+$)", nullptr);
  ASSERT_TRUE(cfg.name_pattern);
  const auto ds = check_migration_name(load_migration_folder(dir, cfg), cfg);
  fs::remove_all(dir);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].message.find("does not match migrations.name_pattern '^\\d{14}_(a+)+$'"), std::string::npos)
      << ds[0].message;
  // What a linear-time engine cannot run, and what does not parse, are config errors.
  for (const char* bad : {"([", R"(^(a)\1$)", "^(?=a)"}) {
    std::string error;
    EXPECT_FALSE(Pattern::compile(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
    try {
      parse_config(std::string("[migrations]\nname_pattern = '") + bad + "'\n", "miglint.toml");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(
          std::string(e.what()).find("miglint.toml:2: `name_pattern` is not a regular expression miglint can run"),
          std::string::npos)
          << e.what();
    }
  }
}

TEST(MigrationsRules, DownNamedDifferentlyFromItsUpIsPairedAndReported) {
  // 1_create_users.up.sql + 1_make_users.down.sql: one migration, one migration-name finding.
  MigrationFolder f = load("updown_missing");
  EXPECT_TRUE(f.diagnostics.empty());
  fs::path tmp = fs::temp_directory_path() / ("miglint-names-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  fs::copy_file(fixture("updown_missing/1_create_users.up.sql"), tmp / "1_create_users.up.sql");
  fs::copy_file(fixture("updown_missing/1_create_users.down.sql"), tmp / "1_make_users.down.sql");
  MigrationFolder g = load_migration_folder(tmp, {});
  ASSERT_EQ(g.migrations.size(), 1u);
  EXPECT_TRUE(g.migrations[0].down);
  ASSERT_EQ(g.diagnostics.size(), 1u);
  EXPECT_EQ(g.diagnostics[0].rule, "migration-name");
  EXPECT_TRUE(check_missing_down(g).empty());
  fs::remove_all(tmp);
}
