// The configuration's contract: docs/CONFIG.md documents exactly the keys the
// parser takes, each with an example it accepts; `exclude` / `--exclude`
// leave files out; `select` takes `default` and `all`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/config/pattern.h"
#include "tests/run_binary.h"
#include "tests/temp_folder.h"

namespace fs = std::filesystem;
using miglint::testing::run_binary;
using miglint::testing::TempFolder;

namespace {

// Each "### `key`" heading of docs/CONFIG.md with the first ```toml block under it.
std::map<std::string, std::string> documented_keys() {
  std::ifstream in(fs::path(MIGLINT_SOURCE_DIR) / "docs/CONFIG.md");
  std::map<std::string, std::string> keys;
  const std::regex heading(R"(^### `([a-z_.]+)`$)");
  std::string line, current, block;
  bool in_block = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!in_block && std::regex_match(line, m, heading)) {
      current = m[1];
      keys[current];
    } else if (!in_block && line == "```toml" && !current.empty() && keys[current].empty()) {
      in_block = true;
      block.clear();
    } else if (in_block && line == "```") {
      in_block = false;
      keys[current] = block;
    } else if (in_block) {
      block += line + "\n";
    }
  }
  return keys;
}

TEST(ConfigReference, DocumentsExactlyTheKeysTheParserTakes) {
  const auto documented = documented_keys();
  ASSERT_FALSE(documented.empty()) << "docs/CONFIG.md has no key headings";
  std::set<std::string> parsed;
  for (const auto& k : miglint::config_keys()) parsed.insert(k);
  for (const auto& k : parsed) EXPECT_TRUE(documented.contains(k)) << "undocumented key: " << k;
  for (const auto& [k, example] : documented) EXPECT_TRUE(parsed.contains(k)) << "documented, not parsed: " << k;
}

TEST(ConfigReference, EveryExampleIsAccepted) {
  for (const auto& [key, example] : documented_keys()) {
    SCOPED_TRACE(key);
    ASSERT_FALSE(example.empty()) << "no ```toml example under " << key;
    // The example's last dotted part is the key it sets.
    const std::string leaf = key.substr(key.rfind('.') + 1);
    EXPECT_NE(example.find(leaf), std::string::npos) << example;
    EXPECT_NO_THROW((void)miglint::parse_config(example, "CONFIG.md")) << example;
  }
}

TEST(ConfigReference, UnknownKeysAreRefused) {
  EXPECT_THROW((void)miglint::parse_config("pg_versions = 15\n", "t.toml"), miglint::ConfigError);
  EXPECT_THROW((void)miglint::parse_config("[migrations]\nexclude = []\n", "t.toml"), miglint::ConfigError);
  EXPECT_THROW((void)miglint::parse_config("exclude = \"*.sql\"\n", "t.toml"), miglint::ConfigError);
  EXPECT_THROW((void)miglint::parse_config("exclude = [\"a[b\"]\n", "t.toml"), miglint::ConfigError);
}

bool excluded(const miglint::PathFilter& f, const std::string& dir, const std::string& name, bool is_dir = false) {
  return f.excluded(miglint::PathFilter::dir_prefix_of(dir), name, is_dir);
}

TEST(PathFilter, GlobsMatchNamesAndPaths) {
  miglint::PathFilter f;
  std::string error;
  ASSERT_TRUE(f.add("*_seed.sql", "/p", &error)) << error;
  ASSERT_TRUE(f.add("db/archive/**", "/p", &error)) << error;
  ASSERT_TRUE(f.add("tmp/", "/p", &error)) << error;
  ASSERT_TRUE(f.add("2019??[!9]*.sql", "/p", &error)) << error;
  EXPECT_TRUE(excluded(f, "/p/db/migrations", "001_users_seed.sql"));
  EXPECT_FALSE(excluded(f, "/p/db/migrations", "001_users_seeds.sql"));
  EXPECT_TRUE(excluded(f, "/p/db/archive", "001_a.up.sql"));
  EXPECT_TRUE(excluded(f, "/p/db/archive/2019", "001_a.up.sql"));
  EXPECT_FALSE(excluded(f, "/p/db", "archive.sql"));
  EXPECT_FALSE(excluded(f, "/q/db/archive", "001_a.up.sql")) << "relative to its base";
  EXPECT_TRUE(excluded(f, "/p/x", "tmp", true));
  EXPECT_FALSE(excluded(f, "/p/x", "tmp", false)) << "a trailing / matches folders only";
  EXPECT_TRUE(excluded(f, "/p/m", "20190101_a.sql"));
  EXPECT_FALSE(excluded(f, "/p/m", "20190191_a.sql")) << "[!9]";
  // `*` stays within one component; `**/` spans any number, none included.
  miglint::PathFilter g;
  ASSERT_TRUE(g.add("m/*.sql", "/p", &error)) << error;
  ASSERT_TRUE(g.add("n/**/x.sql", "/p", &error)) << error;
  EXPECT_TRUE(excluded(g, "/p/m", "a.sql"));
  EXPECT_FALSE(excluded(g, "/p/m/sub", "a.sql"));
  EXPECT_TRUE(excluded(g, "/p/n", "x.sql"));
  EXPECT_TRUE(excluded(g, "/p/n/a/b", "x.sql"));
  // Regular-expression characters are literal.
  miglint::PathFilter h;
  ASSERT_TRUE(h.add("a+(b).sql", "/p", &error)) << error;
  EXPECT_TRUE(excluded(h, "/p", "a+(b).sql"));
  EXPECT_FALSE(excluded(h, "/p", "aa(b).sql"));
  EXPECT_FALSE(h.add("a[b", "/p", &error));
  EXPECT_NE(error.find("unclosed"), std::string::npos) << error;
  EXPECT_FALSE(h.add("", "/p", &error));
}

// A folder where two migrations have findings: the index without
// CONCURRENTLY and the enum (opt-in rule ban-create-enum).
void write_folder(const TempFolder& t) {
  fs::create_directories(t.dir / "migrations");
  t.write("migrations/20240101000000_t.up.sql", "CREATE TABLE t (a int);\n");
  t.write("migrations/20240101000000_t.down.sql", "DROP TABLE t;\n");
  t.write("migrations/20240102000000_i.up.sql", "CREATE INDEX t_a ON t (a);\n");
  t.write("migrations/20240102000000_i.down.sql", "DROP INDEX t_a;\n");
  t.write("migrations/20240103000000_e.up.sql", "CREATE TYPE mood AS ENUM ('ok');\n");
  t.write("migrations/20240103000000_e.down.sql", "DROP TYPE mood;\n");
}

std::string gcc(const TempFolder& t, const std::string& args) {
  return run_binary("check --format gcc --fail-on never " + args + " migrations", false,
                    "cd '" + t.dir.string() + "' && ")
      .out;
}

TEST(CliExclude, CommandLineAndConfigLeaveFilesOut) {
  TempFolder t;
  write_folder(t);
  const std::string all = gcc(t, "");
  ASSERT_NE(all.find("20240102000000_i.up.sql"), std::string::npos) << all;
  // By name, and by path relative to the working directory.
  EXPECT_EQ(gcc(t, "--exclude '*_i.up.sql'").find("_i.up.sql"), std::string::npos);
  const std::string by_path = gcc(t, "--exclude 'migrations/20240102*'");
  EXPECT_EQ(by_path.find("20240102000000_i"), std::string::npos) << by_path;
  EXPECT_NE(by_path.find("20240101000000_t"), std::string::npos) << by_path;
  // The config's list, relative to the config's folder; the command line replaces it.
  t.write("miglint.toml", "exclude = [\"migrations/20240102000000_i.*\"]\n");
  const std::string from_config = gcc(t, "");
  EXPECT_EQ(from_config.find("20240102000000_i"), std::string::npos) << from_config;
  const std::string replaced = gcc(t, "--exclude nothing-matches");
  EXPECT_NE(replaced.find("20240102000000_i.up.sql"), std::string::npos) << replaced;
  // A bad glob is a usage error.
  const auto bad = run_binary("check --exclude 'a[' migrations", true, "cd '" + t.dir.string() + "' && ");
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.out.find("unclosed"), std::string::npos) << bad.out;
}

TEST(CliSelect, DefaultLeavesOptInRulesOutAndAllTakesThem) {
  TempFolder t;
  write_folder(t);
  EXPECT_EQ(gcc(t, "").find("[ban-create-enum]"), std::string::npos);
  EXPECT_EQ(gcc(t, "--select default").find("[ban-create-enum]"), std::string::npos);
  EXPECT_NE(gcc(t, "--select all").find("[ban-create-enum]"), std::string::npos);
  EXPECT_NE(gcc(t, "--select default,ban-create-enum").find("[ban-create-enum]"), std::string::npos);
  EXPECT_NE(gcc(t, "--select default").find("[require-concurrent-index-creation]"), std::string::npos);
  t.write("miglint.toml", "[rules]\nselect = [\"all\"]\n");
  EXPECT_NE(gcc(t, "").find("[ban-create-enum]"), std::string::npos);
}

// Every rule link comes from one template: the repository's page by
// default, `rules.doc_url` when set.
TEST(CliDocUrl, ConfigSetsWhereEveryFormatLinks) {
  TempFolder t;
  write_folder(t);
  const std::string cd = "cd '" + t.dir.string() + "' && NO_COLOR=1 ";
  const auto human = run_binary("check --fail-on never migrations", false, cd).out;
  EXPECT_NE(human.find("https://github.com/miglint/miglint/blob/main/docs/rules/require-concurrent-index-creation.md"),
            std::string::npos)
      << human;
  t.write("miglint.toml", "[rules]\ndoc_url = \"https://wiki.example.com/lint/{id}.html\"\n");
  for (const std::string format : {"human", "sarif", "gitlab", "github", "junit", "lsp"}) {
    const auto out = run_binary("check --fail-on never --format " + format + " migrations", false, cd).out;
    EXPECT_NE(out.find("https://wiki.example.com/lint/require-concurrent-index-creation.html"), std::string::npos)
        << format << ":\n"
        << out;
    EXPECT_EQ(out.find("github.com/miglint/miglint/blob/main/docs/rules"), std::string::npos) << format;
  }
  t.write("miglint.toml", "[rules]\ndoc_url = \"https://wiki.example.com/lint/\"\n");
  const auto bad = run_binary("check migrations", true, cd);
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.out.find("miglint.toml:2"), std::string::npos) << bad.out;
}

}  // namespace
