// End-to-end runs of the binary on the command line's small contracts: each
// command's help lists exactly the formats it accepts, and writing a
// baseline is a quiet success.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/run_binary.h"
#include "tests/temp_folder.h"

namespace fs = std::filesystem;
using miglint::testing::run_binary;
using miglint::testing::TempFolder;

namespace {

// Every format name any command knows, and names none does.
const std::vector<std::string> kAllFormats = {"human", "json", "gcc",      "sarif", "github", "gitlab",
                                              "junit", "lsp",  "markdown", "html",  "text",   "xml"};

// A folder whose second migration builds an index without CONCURRENTLY.
void write_folder(const TempFolder& t) {
  t.write("20240101000000_t.up.sql", "CREATE TABLE t (a int);\n");
  t.write("20240101000000_t.down.sql", "DROP TABLE t;\n");
  t.write("20240102000000_i.up.sql", "CREATE INDEX t_a ON t (a);\n");
  t.write("20240102000000_i.down.sql", "DROP INDEX t_a;\n");
}

// The format names on the --format line of `miglint CMD --help`.
std::set<std::string> formats_in_help(const std::string& cmd) {
  const auto help = run_binary(cmd + " --help");
  EXPECT_EQ(help.exit_code, 0) << help.out;
  std::istringstream in(help.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("--format") == std::string::npos) continue;
    std::set<std::string> named;
    for (const auto& f : kAllFormats) {
      // As a whole word: "json" is not "jsonl".
      for (size_t at = line.find(f); at != std::string::npos; at = line.find(f, at + 1)) {
        const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
        const bool before = at > 0 && word(line[at - 1]);
        const bool after = at + f.size() < line.size() && word(line[at + f.size()]);
        if (!before && !after) named.insert(f);
      }
    }
    return named;
  }
  ADD_FAILURE() << "no --format line in `" << cmd << " --help`:\n" << help.out;
  return {};
}

void expect_help_is_honest(const std::string& cmd, const std::set<std::string>& expected) {
  const TempFolder t;
  write_folder(t);
  const auto named = formats_in_help(cmd);
  EXPECT_EQ(named, expected);
  for (const auto& f : kAllFormats) {
    const auto r = run_binary(cmd + " --color never --fail-on never --format " + f + " " + t.dir.string(), true);
    if (named.contains(f)) {
      EXPECT_EQ(r.exit_code, 0) << cmd << " --format " << f << " is in the help but refused:\n" << r.out;
    } else {
      EXPECT_EQ(r.exit_code, 2) << cmd << " --format " << f << " is not in the help but accepted";
      EXPECT_NE(r.out.find(f), std::string::npos) << "the error does not name the format:\n" << r.out;
    }
  }
}

TEST(CliHelp, CheckListsExactlyTheFormatsItAccepts) {
  expect_help_is_honest("check", {"human", "json", "gcc", "sarif", "github", "gitlab", "junit", "lsp"});
}

TEST(CliHelp, AuditListsExactlyTheFormatsItAccepts) {
  expect_help_is_honest("audit", {"human", "markdown", "html", "json"});
}

// `--write-baseline` writes the file, says so in one line, and succeeds even
// though the run has findings; the baseline then keeps those findings from
// failing the run.
void expect_quiet_baseline(const std::string& cmd) {
  const TempFolder t;
  write_folder(t);
  const fs::path baseline = t.dir.parent_path() / (t.dir.filename().string() + ".baseline.json");
  const std::string dir = t.dir.string();
  ASSERT_EQ(run_binary(cmd + " " + dir).exit_code, 1) << "the folder must have a finding for this test";

  const auto wrote = run_binary(cmd + " --write-baseline " + baseline.string() + " " + dir, true);
  EXPECT_EQ(wrote.exit_code, 0) << wrote.out;
  EXPECT_EQ(std::count(wrote.out.begin(), wrote.out.end(), '\n'), 1) << wrote.out;
  EXPECT_TRUE(std::regex_search(wrote.out, std::regex("^miglint: wrote [0-9]+ findings to .*baseline.json\n$")))
      << wrote.out;
  ASSERT_TRUE(fs::exists(baseline));
  EXPECT_GT(fs::file_size(baseline), 0U);

  const auto kept = run_binary(cmd + " --baseline " + baseline.string() + " " + dir);
  EXPECT_EQ(kept.exit_code, 0) << kept.out;
  fs::remove(baseline);
}

TEST(CliBaseline, CheckWriteBaselinePrintsOneLineAndExitsZero) { expect_quiet_baseline("check"); }
TEST(CliBaseline, AuditWriteBaselinePrintsOneLineAndExitsZero) { expect_quiet_baseline("audit"); }

}  // namespace

namespace {

// `--assume-in-transaction` and `--no-assume-in-transaction` replace the
// config file's `assume_in_transaction`; without them the file decides.
TEST(CliSettings, AssumeInTransactionFromTheCommandLineWinsOverTheConfig) {
  const TempFolder t;
  t.write("1_t.up.sql", "CREATE TABLE t (a bigint);\n");
  t.write("1_t.down.sql", "DROP TABLE t;\n");
  t.write("2_i.up.sql", "CREATE INDEX CONCURRENTLY i ON t (a);\n");
  t.write("2_i.down.sql", "DROP INDEX CONCURRENTLY i;\n");
  const fs::path in_tx = t.write("in_tx.toml", "assume_in_transaction = true\n");
  const fs::path no_tx = t.write("no_tx.toml", "assume_in_transaction = false\n");
  const auto fires = [&](const fs::path& config, const std::string& flag) {
    const auto r = run_binary("check --format gcc --config " + config.string() + " " + flag + " " + t.dir.string());
    EXPECT_NE(r.exit_code, 2) << flag << ": " << r.out;
    return r.out.find("[ban-concurrent-index-creation-in-transaction]") != std::string::npos;
  };
  EXPECT_TRUE(fires(in_tx, ""));
  EXPECT_FALSE(fires(no_tx, ""));
  EXPECT_FALSE(fires(in_tx, "--no-assume-in-transaction"));
  EXPECT_TRUE(fires(no_tx, "--assume-in-transaction"));
}

}  // namespace
