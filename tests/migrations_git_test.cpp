// --since: changes against a git ref on a repository built by the test, and version-order.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "analyzer/migrations/git.h"
#include "rules/folder/folder_checks.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

bool have_git() {
  try {
    return run_process({"git", "--version"}).exit_code == 0;
  } catch (const GitError&) {
    return false;
  }
}

struct Repo {
  fs::path root;
  fs::path dir;  // the migrations folder, with a space in its path
  Repo() {
    std::string tmpl = (fs::temp_directory_path() / "miglint-git-XXXXXX").string();
    root = ::mkdtemp(tmpl.data());
    dir = root / "db" / "my migrations";
    fs::create_directories(dir);
    git({"init", "-q"});
    git({"config", "user.name", "Migration Tester"});
    git({"config", "user.email", "tester@example.com"});
    git({"config", "commit.gpgsign", "false"});
  }
  ~Repo() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void git(std::vector<std::string> args) const {
    args.insert(args.begin(), {"git", "-C", root.string()});
    ProcessResult r = run_process(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(dir / rel, std::ios::binary | std::ios::trunc) << text;
  }
  void commit(const std::string& msg) const {
    git({"add", "-A"});
    git({"commit", "-q", "-m", msg});
  }
  void pair(const std::string& stem) const {
    write(stem + ".up.sql", "SELECT 1;\n");
    write(stem + ".down.sql", "SELECT 1;\n");
  }
};

std::vector<std::string> names(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) out.push_back(fs::path(d.span.path.str()).filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(MigrationsGit, ChangesSinceRefAndVersionOrder) {
  if (!have_git()) GTEST_SKIP() << "git not on PATH";
  Repo r;
  r.pair("20240101000000_a");
  r.pair("20240301000000_c");
  r.commit("base");
  r.git({"tag", "base"});

  r.pair("20240201000000_b");  // added, older than c: out of order
  r.pair("20240401000000_d");  // added, newest: fine
  r.commit("more");
  r.write("20240101000000_a.up.sql", "SELECT 2;\n");  // changed, existed at base
  r.write("20240501000000_e.up.sql", "SELECT 1;\n");  // untracked
  r.write("20240501000000_e.down.sql", "SELECT 1;\n");
  r.write("20231201000000_z.up.sql", "SELECT 1;\n");  // untracked and old
  r.write("20231201000000_z.down.sql", "SELECT 1;\n");

  GitChanges ch = git_changes_since(r.dir, "base");
  MigrationFolder f = load_migration_folder(r.dir, {});
  ASSERT_EQ(f.migrations.size(), 6u);
  std::vector<std::string> touched;
  for (const Migration& m : f.migrations)
    if (ch.touches(m)) touched.push_back(m.name);
  EXPECT_EQ(touched, (std::vector<std::string>{"z", "a", "b", "d", "e"}));
  EXPECT_FALSE(ch.touches(r.dir / "20240301000000_c.up.sql"));
  EXPECT_TRUE(ch.touches(r.dir / "20240201000000_b.up.sql"));
  EXPECT_EQ(ch.existed.size(), 4u);

  auto ds = check_version_order(f, ch);
  EXPECT_EQ(names(ds), (std::vector<std::string>{"20231201000000_z.up.sql", "20240201000000_b.up.sql"}));
  for (const Diagnostic& d : ds) {
    EXPECT_EQ(d.rule, "version-order");
    EXPECT_NE(d.message.find("20240301000000"), std::string::npos) << d.message;
    ASSERT_EQ(d.notes.size(), 1u);
  }

  // Against HEAD only the work-tree changes count.
  GitChanges head = git_changes_since(r.dir, "HEAD");
  EXPECT_EQ(names(check_version_order(f, head)), (std::vector<std::string>{"20231201000000_z.up.sql"}));
}

TEST(MigrationsGit, VersionOrderSeesMigrationsDeletedSinceTheRef) {
  if (!have_git()) GTEST_SKIP() << "git not on PATH";
  Repo r;
  r.pair("1_a");
  r.pair("5_e");
  r.commit("base");
  fs::remove(r.dir / "5_e.up.sql");
  fs::remove(r.dir / "5_e.down.sql");
  r.pair("3_c");
  MigrationFolder f = load_migration_folder(r.dir, {});
  auto ds = check_version_order(f, git_changes_since(r.dir, "HEAD"));
  ASSERT_EQ(names(ds), (std::vector<std::string>{"3_c.up.sql"}));
  EXPECT_TRUE(ds[0].notes.empty());  // 5_e is gone: nothing to point at
}

TEST(MigrationsGit, ClearErrors) {
  if (!have_git()) GTEST_SKIP() << "git not on PATH";
  Repo r;
  r.pair("1_a");
  r.commit("base");
  try {
    git_changes_since(r.dir, "no-such-ref");
    FAIL() << "expected GitError";
  } catch (const GitError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown git revision 'no-such-ref'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(git_changes_since(r.dir, "--output=/tmp/x"), GitError);

  std::string tmpl = (fs::temp_directory_path() / "miglint-nogit-XXXXXX").string();
  fs::path outside = ::mkdtemp(tmpl.data());
  try {
    git_changes_since(outside, "HEAD");
    FAIL() << "expected GitError";
  } catch (const GitError& e) {
    EXPECT_NE(std::string(e.what()).find("not inside a git work tree"), std::string::npos) << e.what();
  }
  fs::remove_all(outside);
}

TEST(MigrationsGit, MissingProgramIsAnError) {
  EXPECT_THROW(run_process({"miglint-no-such-program-xyz"}), GitError);
  ProcessResult r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}
