// Layout detection, pairing, ordering and transaction mode on fixture folders.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "analyzer/engine/folder_checks.h"
#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"
#include "rules/folder/folder_checks.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

fs::path fixture(const std::string& name) { return fs::path(MIGLINT_SOURCE_DIR) / "testdata/migrations" / name; }

MigrationFolder load(const std::string& name, Config cfg = {}) { return load_migration_folder(fixture(name), cfg); }

std::vector<std::string> versions(const MigrationFolder& f) {
  std::vector<std::string> out;
  for (const Migration& m : f.migrations) out.push_back(m.repeatable ? "R:" + m.name : m.version);
  return out;
}

std::vector<std::string> rules_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) out.push_back(d.rule);
  std::sort(out.begin(), out.end());
  return out;
}

std::string filename(const std::optional<Section>& s) { return s ? fs::path(s->file.str()).filename().string() : "-"; }

std::string section_text(const Section& s) { return read_section(s).value_or("<unreadable>"); }

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "miglint-mig-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

}  // namespace

TEST(MigrationsVersion, OrdersNumerically) {
  auto k = [](const char* s) { return parse_version(s).value(); };
  EXPECT_LT(k("9"), k("10"));
  EXPECT_LT(k("0009"), k("10"));
  EXPECT_EQ(k("0010"), k("10"));
  EXPECT_EQ(k("V0001"), k("1"));
  EXPECT_LT(k("1.2.9"), k("1.2.10"));
  EXPECT_EQ(k("1_2"), k("1.2"));
  EXPECT_LT(k("1.2"), k("1.2.1"));
  EXPECT_LT(k("1.10"), k("2"));
  EXPECT_EQ(k("2024-01-01-120000"), k("20240101120000"));
  EXPECT_LT(k("2024-01-01-120000"), k("2024-01-01-120000-0000"));
  EXPECT_LT(k("2024-01-01-120000-0000"), k("2024-01-01-120001"));
  EXPECT_LT(k("20150100000001000000"), k("20191100000001000000"));  // beyond uint64
  EXPECT_LT(k("19999999999999999999"), k("100000000000000000000"));
  EXPECT_LT(k("00000000000000"), k("20140924113530"));
  EXPECT_FALSE(parse_version(""));
  EXPECT_FALSE(parse_version("abc"));
  EXPECT_FALSE(parse_version("1..2"));
  EXPECT_FALSE(parse_version("2024-01-01"));
}

TEST(MigrationsLayout, UpdownPairsAndOrdersNineBeforeTen) {
  MigrationFolder f = load("updown_order");
  EXPECT_EQ(f.layout->name(), "updown");
  EXPECT_EQ(versions(f), (std::vector<std::string>{"1", "2", "9", "10"}));
  for (const Migration& m : f.migrations) {
    ASSERT_TRUE(m.up && m.down);
    EXPECT_EQ(m.name, "step_" + m.version);
    EXPECT_FALSE(m.in_transaction);  // golang-migrate default
  }
  EXPECT_TRUE(f.diagnostics.empty());
  EXPECT_TRUE(check_folder(f, {}).empty());
  EXPECT_EQ(f.sql_files.size(), 8u);
}

TEST(MigrationsLayout, AssumeInTransactionOverridesLayoutDefault) {
  Config cfg;
  cfg.assume_in_transaction = true;
  for (const Migration& m : load("updown_order", cfg).migrations) EXPECT_TRUE(m.in_transaction);
  cfg.assume_in_transaction = false;
  for (const Migration& m : load("goose", cfg).migrations) EXPECT_FALSE(m.in_transaction);
}

TEST(MigrationsLayout, AutheliaStyle) {
  MigrationFolder f = load("updown_authelia");
  EXPECT_EQ(f.layout->name(), "updown");
  EXPECT_EQ(versions(f), (std::vector<std::string>{"0001", "0002", "0010"}));
  EXPECT_EQ(f.migrations[0].name, "Initial_Schema");
  EXPECT_EQ(migration_stem(f.migrations[0], *f.layout), "V0001.Initial_Schema");
  EXPECT_TRUE(check_folder(f, {}).empty());
  // authelia's migrator applies pending migrations in one transaction.
  for (const Migration& m : f.migrations) EXPECT_TRUE(m.in_transaction) << m.version;
  Config no_tx;
  no_tx.assume_in_transaction = false;  // the config overrides the runner's default
  for (const Migration& m : load("updown_authelia", no_tx).migrations) EXPECT_FALSE(m.in_transaction);
}

TEST(MigrationsLayout, PopxDialectFileWinsAndOtherDialectsAreIgnored) {
  MigrationFolder f = load("updown_dialect");
  EXPECT_EQ(f.layout->name(), "updown");
  ASSERT_EQ(f.migrations.size(), 2u);
  const Migration& a = f.migrations[0];
  EXPECT_EQ(a.version, "20210101000000000001");
  EXPECT_EQ(a.name, "accounts");
  EXPECT_EQ(filename(a.up), "20210101000000000001_accounts.postgres.up.sql");
  EXPECT_EQ(filename(a.down), "20210101000000000001_accounts.down.sql");  // no .postgres. down: neutral one
  EXPECT_EQ(migration_stem(a, *f.layout), "20210101000000000001_accounts");
  EXPECT_TRUE(a.in_transaction);  // popx wraps what is not .autocommit.
  const Migration& b = f.migrations[1];
  EXPECT_EQ(b.name, "accounts_index");
  EXPECT_EQ(migration_stem(b, *f.layout), "20210101000000000002_accounts_index");
  EXPECT_FALSE(b.in_transaction);
  Config tx;
  tx.assume_in_transaction = true;
  MigrationFolder g = load("updown_dialect", tx);
  EXPECT_TRUE(g.migrations[0].in_transaction);
  EXPECT_FALSE(g.migrations[1].in_transaction);  // .autocommit. beats the config
  EXPECT_TRUE(check_folder(f, {}).empty());
  for (const Symbol& s : f.sql_files) {
    const fs::path p = s.str();
    EXPECT_EQ(p.filename().string().find("mysql"), std::string::npos);
    EXPECT_EQ(p.filename().string().find("sqlite"), std::string::npos);
  }
}

// popx (dialect and .autocommit. infixes) runs each migration in a
// transaction; golang-migrate (no infixes, updown_order above) does not.
TEST(MigrationsLayout, PopxFolderIsTransactionalExceptAutocommit) {
  MigrationFolder f = load("updown_popx");
  EXPECT_EQ(f.layout->name(), "updown");
  ASSERT_EQ(f.migrations.size(), 3u);
  EXPECT_EQ(filename(f.migrations[0].up), "20200101000000000001_users.up.sql");
  EXPECT_TRUE(f.migrations[0].in_transaction);  // neutral file of a popx folder
  EXPECT_EQ(filename(f.migrations[1].up), "20200101000000000002_users_email.postgres.up.sql");
  EXPECT_TRUE(f.migrations[1].in_transaction);
  EXPECT_EQ(filename(f.migrations[2].up), "20200101000000000003_users_email_idx.autocommit.up.sql");
  EXPECT_FALSE(f.migrations[2].in_transaction);
  EXPECT_EQ(f.sql_files.size(), 6u);  // the .sqlite3. pair is another database's
  EXPECT_TRUE(f.diagnostics.empty());
  EXPECT_TRUE(check_folder(f, {}).empty());
  Config no_tx;
  no_tx.assume_in_transaction = false;  // the config overrides the runner's default
  MigrationFolder g = load("updown_popx", no_tx);
  EXPECT_FALSE(g.migrations[0].in_transaction);
  EXPECT_FALSE(g.migrations[2].in_transaction);
}

TEST(MigrationsLayout, DieselFolders) {
  MigrationFolder f = load("folder_diesel");
  EXPECT_EQ(f.layout->name(), "folder");
  EXPECT_EQ(versions(f),
            (std::vector<std::string>{"00000000000000", "20170101000000", "2017-08-31-230457", "2018-01-01-000000",
                                      "2018-01-01-000000-0000", "2019-05-05-101010"}));
  const Migration& spaced = f.migrations[2];
  EXPECT_EQ(spaced.name, "add email to users");
  EXPECT_EQ(fs::path(spaced.up->file.str()).parent_path().filename().string(), "2017-08-31-230457_add email to users");
  EXPECT_EQ(migration_stem(spaced, *f.layout), "2017-08-31-230457_add email to users");
  EXPECT_TRUE(f.migrations[0].in_transaction);
  EXPECT_FALSE(f.migrations[3].in_transaction);  // metadata.toml run_in_transaction = false
  EXPECT_TRUE(f.migrations[4].in_transaction);
  EXPECT_FALSE(f.migrations[5].down);
  // The one name with spaces among snake_case names is a naming finding, not a loading problem.
  EXPECT_EQ(rules_of(check_folder(f, {})), (std::vector<std::string>{"migration-name", "missing-down"}));
}

// The folder's files come in the order of their paths component by component
// ("2020-01-01-000000_a" before "2020-01-01-000000_a-b", though '-' sorts
// before '/' as characters), and unreadable ones are left out.
TEST(MigrationsLayout, SqlFilesInPathOrder) {
  TempDir t;
  for (const char* d : {"2020-01-01-000000_a-b", "2020-01-01-000000_a", "2020-01-01-000000_a.b"}) {
    t.write(std::string(d) + "/up.sql", "SELECT 1;");
    t.write(std::string(d) + "/down.sql", "SELECT 1;");
  }
  MigrationFolder f = load_migration_folder(t.path, {});
  std::vector<fs::path> files;
  for (const Symbol& s : f.sql_files) files.emplace_back(s.str());
  std::vector<fs::path> expected = files;
  std::sort(expected.begin(), expected.end());  // fs::path's own order
  EXPECT_EQ(files, expected);
  ASSERT_EQ(files.size(), 6u);
  EXPECT_EQ(files[0].parent_path().filename(), "2020-01-01-000000_a");
  EXPECT_EQ(files[2].parent_path().filename(), "2020-01-01-000000_a-b");
}

TEST(MigrationsLayout, DieselMetadataThatDoesNotParseIsReported) {
  TempDir t;
  t.write("2020-01-01-000000_a/up.sql", "SELECT 1;");
  t.write("2020-01-01-000000_a/down.sql", "SELECT 1;");
  t.write("2020-01-01-000000_a/metadata.toml", "run_in_transaction = = false\n");
  MigrationFolder f = load_migration_folder(t.path, {});
  ASSERT_EQ(f.migrations.size(), 1u);
  EXPECT_EQ(rules_of(f.diagnostics), (std::vector<std::string>{"migration-layout"}));
  EXPECT_EQ(f.diagnostics[0].span.start.line, 1u);
}

TEST(MigrationsLayout, GooseSections) {
  MigrationFolder f = load("goose");
  EXPECT_EQ(f.layout->name(), "goose");
  ASSERT_EQ(versions(f), (std::vector<std::string>{"00001", "00002", "00003"}));
  const Migration& m1 = f.migrations[0];
  ASSERT_TRUE(m1.up && m1.down);
  EXPECT_EQ(m1.up->file, m1.down->file);
  std::string up = section_text(*m1.up);
  EXPECT_EQ(up.find("+goose Up"), std::string::npos);
  EXPECT_NE(up.find("CREATE TABLE users"), std::string::npos);
  EXPECT_NE(up.find("StatementEnd"), std::string::npos);
  EXPECT_EQ(up.find("DROP TABLE"), std::string::npos);
  std::string down = section_text(*m1.down);
  EXPECT_EQ(down.find("+goose Down"), std::string::npos);
  EXPECT_NE(down.find("DROP TABLE users;"), std::string::npos);
  EXPECT_TRUE(m1.in_transaction);
  EXPECT_FALSE(f.migrations[1].in_transaction);  // NO TRANSACTION
  EXPECT_FALSE(f.migrations[2].down);
  EXPECT_EQ(migration_stem(f.migrations[2], *f.layout), "00003_add_email");
  auto missing = check_missing_down(f);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].span.path.str().find("00003_add_email.sql"), std::string::npos);
  EXPECT_EQ(missing[0].span.start.line, 2u);  // the up section starts after its annotation
}

TEST(MigrationsLayout, DbmateSections) {
  MigrationFolder f = load("dbmate");
  EXPECT_EQ(f.layout->name(), "dbmate");
  ASSERT_EQ(f.migrations.size(), 2u);
  EXPECT_TRUE(f.migrations[0].in_transaction);
  EXPECT_FALSE(f.migrations[1].in_transaction);  // transaction:false
  EXPECT_EQ(section_text(*f.migrations[0].up), "CREATE TABLE users (id int);\n\n");
  EXPECT_EQ(section_text(*f.migrations[0].down), "DROP TABLE users;\n");
  EXPECT_EQ(section_text(*f.migrations[1].down), "");
  EXPECT_TRUE(check_folder(f, {}).empty());
}

TEST(MigrationsLayout, FlywayVersionsUndoRepeatableAndNested) {
  MigrationFolder f = load("flyway");
  EXPECT_EQ(f.layout->name(), "flyway");
  EXPECT_EQ(versions(f), (std::vector<std::string>{"1", "1.2.9", "1.2.10", "1_3", "2", "R:views"}));
  EXPECT_EQ(filename(f.migrations[0].down), "U1__init.sql");
  EXPECT_EQ(filename(f.migrations[4].up), "V2__add_e.sql");
  EXPECT_EQ(filename(f.migrations[4].down), "U2__add_e.sql");
  EXPECT_EQ(migration_stem(f.migrations[4], *f.layout), "V2__add_e");  // nested/
  EXPECT_EQ(migration_stem(f.migrations[5], *f.layout), "R__views");
  EXPECT_FALSE(f.migrations[4].in_transaction);  // V2__add_e.sql.conf
  EXPECT_TRUE(f.migrations[0].in_transaction);
  EXPECT_TRUE(f.migrations[5].repeatable);
  // Undo is used in this folder, so V1_3 without U1_3 is missing its down; R__ never is.
  auto missing = check_missing_down(f);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].span.path.str().find("V1_3__add_d.sql"), std::string::npos);
  EXPECT_TRUE(check_missing_down(load("flyway_noundo")).empty());
}

TEST(MigrationsLayout, PlainOrdersByVersion) {
  MigrationFolder f = load("plain");
  EXPECT_EQ(f.layout->name(), "plain");
  EXPECT_EQ(versions(f), (std::vector<std::string>{"001", "002", "010"}));
  for (const Migration& m : f.migrations) {
    EXPECT_FALSE(m.down);
    EXPECT_FALSE(m.in_transaction);
  }
  EXPECT_TRUE(check_folder(f, {}).empty());  // no missing-down for a layout without downs
}

TEST(MigrationsLayout, MixedFolderIsReported) {
  MigrationFolder f = load("mixed");
  EXPECT_EQ(f.layout->name(), "updown");
  EXPECT_EQ(f.migrations.size(), 2u);
  auto rules = rules_of(f.diagnostics);
  ASSERT_EQ(rules, (std::vector<std::string>{"migration-layout", "migration-layout"}));
  EXPECT_NE(f.diagnostics[0].message.find("4 updown"), std::string::npos) << f.diagnostics[0].message;
  EXPECT_NE(f.diagnostics[0].message.find("1 flyway"), std::string::npos);
  EXPECT_NE(f.diagnostics[1].message.find("V3__flyway_style.sql"), std::string::npos) << f.diagnostics[1].message;
  EXPECT_EQ(f.diagnostics[0].severity, Severity::Warning);
}

TEST(MigrationsLayout, UnrecognisedFolderIsReported) {
  MigrationFolder f = load("unrecognised");
  EXPECT_TRUE(f.migrations.empty());
  ASSERT_EQ(rules_of(f.diagnostics), (std::vector<std::string>{"migration-layout"}));
  EXPECT_NE(f.diagnostics[0].message.find("2 file(s) (1 .sql)"), std::string::npos) << f.diagnostics[0].message;
}

TEST(MigrationsLayout, ExplicitLayoutReportsFilesThatDoNotFit) {
  Config cfg;
  cfg.layout = "flyway";
  MigrationFolder f = load("updown_order", cfg);
  EXPECT_EQ(f.layout->name(), "flyway");
  EXPECT_TRUE(f.migrations.empty());
  ASSERT_EQ(rules_of(f.diagnostics), (std::vector<std::string>{"migration-layout"}));
  EXPECT_NE(f.diagnostics[0].message.find("8 entries"), std::string::npos) << f.diagnostics[0].message;
  cfg.layout = "updown";
  EXPECT_TRUE(load("updown_order", cfg).diagnostics.empty());
}

TEST(MigrationsLayout, EmptyAndMissingFolders) {
  TempDir t;
  MigrationFolder f = load_migration_folder(t.path, {});
  EXPECT_EQ(rules_of(f.diagnostics), (std::vector<std::string>{"migration-layout"}));
  MigrationFolder g = load_migration_folder(t.path / "does not exist", {});
  EXPECT_EQ(rules_of(g.diagnostics), (std::vector<std::string>{"unreadable-file"}));
  EXPECT_EQ(g.diagnostics[0].severity, Severity::Error);
}

TEST(MigrationsLayout, SymlinkLoopsAndUnreadableFilesDoNotStopTheRest) {
  TempDir t;
  t.write("1_a.up.sql", "SELECT 1;");
  t.write("1_a.down.sql", "SELECT 1;");
  t.write("2_b.up.sql", "SELECT 1;");
  t.write("2_b.down.sql", "SELECT 1;");
  fs::create_symlink("3_loop.up.sql", t.path / "3_loop.up.sql");    // ELOOP
  fs::create_symlink("nowhere.sql", t.path / "4_dangling.up.sql");  // ENOENT
  fs::create_directory_symlink(".", t.path / "self");               // directory loop
  fs::permissions(t.path / "2_b.up.sql", fs::perms::none);
  MigrationFolder f = load_migration_folder(t.path, {});
  EXPECT_EQ(f.layout->name(), "updown");
  EXPECT_EQ(f.migrations.size(), 2u);
  size_t unreadable = std::count_if(f.diagnostics.begin(), f.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.rule == "unreadable-file"; });
  bool root = ::geteuid() == 0;  // root reads files without permission bits
  EXPECT_EQ(unreadable, root ? 2u : 3u);
  EXPECT_EQ(f.unreadable.size(), root ? 2u : 3u);
  EXPECT_EQ(f.sql_files.size(), root ? 4u : 3u);  // unreadable files are not handed on

  // Flyway recurses: a directory symlink loop must end.
  TempDir fw;
  fw.write("V1__a.sql", "SELECT 1;");
  fw.write("sub/V2__b.sql", "SELECT 1;");
  fs::create_directory_symlink("..", fw.path / "sub" / "up");
  Config cfg;
  cfg.layout = "flyway";
  MigrationFolder g = load_migration_folder(fw.path, cfg);
  EXPECT_EQ(versions(g), (std::vector<std::string>{"1", "2"}));
}

TEST(MigrationsLayout, DisplayPathIsRelativeUnderTheWorkingDirectory) {
  fs::path cwd = fs::current_path();
  EXPECT_EQ(display_path(cwd / "a" / "b.sql"), "a/b.sql");
  EXPECT_EQ(display_path("a/./b.sql"), "a/b.sql");
  EXPECT_EQ(display_path("/definitely/elsewhere/x.sql"), "/definitely/elsewhere/x.sql");
  if (cwd.has_parent_path() && cwd != cwd.root_path()) {
    EXPECT_EQ(display_path(cwd.parent_path() / "zz.sql"), (cwd.parent_path() / "zz.sql").string());
  }
}

TEST(MigrationsLayout, DeterministicOrderOfFiles) {
  MigrationFolder a = load("folder_diesel");
  MigrationFolder b = load("folder_diesel");
  EXPECT_EQ(a.sql_files, b.sql_files);
  EXPECT_TRUE(std::is_sorted(a.sql_files.begin(), a.sql_files.end()));
}

TEST(MigrationsLayout, EveryLayoutHasOnePlugInAndOneIsTheFallback) {
  size_t fallbacks = 0;
  for (const LayoutKind* k : all_layouts()) {
    EXPECT_EQ(find_layout(k->name()), k);
    fallbacks += k->detect() == LayoutKind::Detect::Fallback;
  }
  EXPECT_EQ(all_layouts().size(), 6u);
  EXPECT_EQ(fallbacks, 1u);
  EXPECT_FALSE(find_layout("auto"));
  EXPECT_EQ(&default_layout(), find_layout("plain"));
  EXPECT_NO_THROW(check_layout_setting(Config{}));
}
