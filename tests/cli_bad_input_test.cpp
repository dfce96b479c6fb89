// End-to-end runs of the binary on the inputs SPEC's "What bad input gets"
// lists: each gets a clear finding on its own file, and a healthy file in the
// same folder is still analysed.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "analyzer/ast/pg_compat.h"
#include "analyzer/config/config.h"
#include "tests/run_binary.h"

namespace fs = std::filesystem;

namespace {

using miglint::testing::RunResult;

RunResult run(const std::string& args, bool with_stderr = false) {
  return miglint::testing::run_binary(args, with_stderr);
}

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("miglint-bad-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // Findings per file name (rule list), from a JSON run over the folder.
  nlohmann::json check() {
    const RunResult r = run("check --format json --select default '" + dir.string() + "'");
    last_exit = r.exit_code;
    return nlohmann::json::parse(r.out);
  }
  static bool has(const nlohmann::json& j, const std::string& file, const std::string& rule) {
    for (const auto& d : j["diagnostics"])
      if (d["rule"] == rule && fs::path(d["path"].get<std::string>()).filename() == file) return true;
    return false;
  }
  fs::path dir;
  int last_exit = -1;
};

TEST_F(BadInput, EveryBadFileGetsItsFindingAndTheRestIsAnalysed) {
  write(dir / "good.sql", "DROP TABLE still_analysed;\n");
  write(dir / "latin1.sql", "COMMENT ON TABLE menu IS 'caf\xe9';\nDROP TABLE after_latin1;\n");
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); i += 7) binary[i] = static_cast<char>(i * 31);
  write(dir / "binary.sql", binary);
  write(dir / "unterminated_string.sql", "DROP TABLE before_string;\nSELECT 'never closed;\n");
  write(dir / "unterminated_comment.sql", "DROP TABLE before_comment;\n/* never closed\nSELECT 1;\n");
  write(dir / "psql.sql", "\\set ON_ERROR_STOP on\n\\i other.sql\nDROP TABLE after_meta;\n");
  write(dir / "copy.sql",
        "COPY colors (id, name) FROM stdin;\n1\tred\n2\tgreen; not sql\n\\.\nDROP TABLE after_copy;\n");
  write(dir / "crlf.sql", "CREATE TABLE crlf_table (id int);\r\nDROP TABLE crlf_table;\r\n");
  write(dir / "bom.sql",
        "\xEF\xBB\xBF"
        "DROP TABLE bom_table;\n");
  write(dir / "empty.sql", "");
  write(dir / "nul.sql", std::string("DROP TABLE nul_table;\n\0\n", 24));
  std::string deep = "SELECT " + std::string(10000, '(') + "1" + std::string(10000, ')') +
                     ";\nDROP TABLE after_deep;\n";
  write(dir / "deep.sql", deep);
  std::string chain = "SELECT 1";
  for (int i = 0; i < 10000; ++i) chain += " + 1";
  write(dir / "deep_chain.sql", chain + ";\nDROP TABLE after_chain;\n");
  fs::create_directory_symlink(dir, dir / "loop");         // a directory symlink loop
  fs::create_symlink(dir / "self.sql", dir / "self.sql");  // a file symlink loop
  fs::create_directories(dir / "dir.sql");                 // a directory named like a file

  const auto j = check();
  EXPECT_EQ(last_exit, 1);
  EXPECT_TRUE(has(j, "good.sql", "ban-drop-table"));
  EXPECT_TRUE(has(j, "latin1.sql", "invalid-utf8"));
  EXPECT_TRUE(has(j, "latin1.sql", "ban-drop-table"));
  EXPECT_TRUE(has(j, "binary.sql", "binary-file"));
  EXPECT_TRUE(has(j, "unterminated_string.sql", "syntax-error"));
  EXPECT_TRUE(has(j, "unterminated_string.sql", "ban-drop-table"));
  EXPECT_TRUE(has(j, "unterminated_comment.sql", "syntax-error"));
  EXPECT_TRUE(has(j, "unterminated_comment.sql", "ban-drop-table"));
  EXPECT_TRUE(has(j, "psql.sql", "psql-meta-command"));
  EXPECT_FALSE(has(j, "psql.sql", "syntax-error"));
  EXPECT_TRUE(has(j, "psql.sql", "ban-drop-table"));
  EXPECT_TRUE(has(j, "copy.sql", "copy-data-block"));
  EXPECT_FALSE(has(j, "copy.sql", "syntax-error"));
  EXPECT_TRUE(has(j, "copy.sql", "ban-drop-table"));
  EXPECT_FALSE(has(j, "crlf.sql", "syntax-error"));
  EXPECT_FALSE(has(j, "crlf.sql", "ban-drop-table"));  // created in the same file
  EXPECT_TRUE(has(j, "bom.sql", "ban-drop-table"));
  EXPECT_FALSE(has(j, "bom.sql", "syntax-error"));
  EXPECT_TRUE(has(j, "nul.sql", "invalid-utf8"));
  EXPECT_TRUE(has(j, "nul.sql", "ban-drop-table"));
  EXPECT_TRUE(has(j, "deep.sql", "syntax-error"));  // PostgreSQL itself refuses this nesting
  EXPECT_TRUE(has(j, "deep.sql", "ban-drop-table"));
  EXPECT_FALSE(has(j, "deep_chain.sql", "syntax-error"));
  EXPECT_TRUE(has(j, "deep_chain.sql", "ban-drop-table"));
  // libpg_query 18 parses the chain but will not serialise a tree this deep:
  // a statement not analysed (info), never a syntax error.
  if (miglint::pgc::kGrammarMajor >= 18) {
    EXPECT_TRUE(has(j, "deep_chain.sql", "unmodeled-statement"));
  }
  EXPECT_TRUE(has(j, "self.sql", "unreadable-file"));
  // Positions: the CRLF file reports on line 2, the BOM file on line 1.
  for (const auto& d : j["diagnostics"]) {
    if (fs::path(d["path"].get<std::string>()).filename() == "bom.sql" && d["rule"] == "ban-drop-table") {
      EXPECT_EQ(d["line"], 1);
    }
  }
}

TEST_F(BadInput, HugeFileIsAnalysed) {
  std::string big = "CREATE TABLE big (id bigint, payload text);\n";
  const std::string row = "INSERT INTO big VALUES (1, 'lorem ipsum dolor sit amet consectetur adipiscing elit');\n";
  while (big.size() < (8u << 20)) big += row;
  big += "DROP TABLE other_big;\n";
  write(dir / "big.sql", big);
  const auto j = check();
  EXPECT_EQ(last_exit, 1);
  EXPECT_TRUE(has(j, "big.sql", "ban-drop-table"));
}

TEST(Cli, ExplainAndRules) {
  const RunResult e = run("explain syntax-error");
  EXPECT_EQ(e.exit_code, 0);
  EXPECT_NE(e.out.find("# syntax-error"), std::string::npos);
  const RunResult unknown = run("explain no-such-rule");
  EXPECT_EQ(unknown.exit_code, 2);
  const RunResult r = run("rules");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* id : {"syntax-error", "invalid-utf8", "empty-migration", "unknown-rule", "unused-suppression",
                         "down-not-inverse", "ban-drop-table"})
    EXPECT_NE(r.out.find(id), std::string::npos) << id;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("check --format nope .").exit_code, 2);
  EXPECT_EQ(run("check --select no-such-rule .").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
}

TEST(Cli, ConfigErrorsNameFileAndLine) {
  const fs::path dir = fs::temp_directory_path() / ("miglint-cfg-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const auto run_with = [&](const std::string& config, const std::string& command) {
    write(dir / "miglint.toml", config);
    const RunResult r = run(command + " --config '" + (dir / "miglint.toml").string() + "' '" + dir.string() + "'",
                            true);
    return std::make_pair(r.exit_code, r.out);
  };
  auto [status, out] = run_with("pg_version = 15\n[rules]\nselekt = [\"all\"]\n", "check");
  EXPECT_EQ(status, 2);
  EXPECT_NE(out.find("miglint.toml:3"), std::string::npos) << out;
  EXPECT_NE(out.find("selekt"), std::string::npos) << out;
  // Layout names come from the layouts' own list, checked by every command
  // that reads a folder.
  const std::string bad_layout = "[migrations]\n\nlayout = \"rails\"\n";
  for (const char* command : {"check", "sum"}) {
    std::tie(status, out) = run_with(bad_layout, command);
    EXPECT_EQ(status, 2) << command << ": " << out;
    EXPECT_NE(out.find("miglint.toml:3: unknown layout `rails` (expected auto, updown, folder, goose, dbmate, "
                       "flyway or plain)"),
              std::string::npos)
        << command << ": " << out;
  }
  std::tie(status, out) = run_with("[migrations]\nlayout = \"goose\"\n", "check");
  EXPECT_EQ(out.find("unknown layout"), std::string::npos) << out;
  fs::remove_all(dir);
}

// Characters the TOML library cannot classify (it reached undefined behaviour
// on U+027F after a value) are config errors with their place; valid TOML
// with such characters in strings and comments still loads.
TEST(Cli, ConfigCharactersBeyondAsciiOnlyInStringsAndComments) {
  const auto error_of = [](const std::string& text) -> std::string {
    try {
      (void)miglint::parse_config(text, "miglint.toml");
      return "";
    } catch (const miglint::ConfigError& e) {
      return e.what();
    }
  };
  // toml++'s own message where it meets one outside a string.
  EXPECT_EQ(error_of("pg_version = 7\xC9\xBF"
                     "7\n"),
            "miglint.toml:1:15: invalid TOML: Error while parsing decimal integer: expected digit, saw 'a character "
            "beyond ASCII'");
  // A quote inside a value does not start a string.
  EXPECT_EQ(error_of("[[protect]]\ntable = 5'a\xD1\xB1'\n").rfind("miglint.toml:2:", 0), 0u);
  EXPECT_EQ(error_of("[[protect]]\nreason = \"\"\"a \\\n   \xC3\xA9\"\"\"\n"),
            "miglint.toml:3:4: invalid TOML: a character beyond ASCII right after a line-ending backslash");
  EXPECT_EQ(error_of("[[protect]]\nreason = \"\"\"\\\xC3\xA9\"\"\"\n"),
            "miglint.toml:2:14: invalid TOML: Error while parsing string: unknown escape sequence '\\a character "
            "beyond ASCII'");
  // Strings of every kind and comments may hold them.
  EXPECT_EQ(error_of("# caf\xC3\xA9 \xC9\xBF\n[[protect]]\ntable = \"caf\xC3\xA9\"\nreason = 'z\xC9\xBF \"'\n"
                     "[[protect]]\ntable = \"\"\"a\"\"\xC3\xA9\\\"\"\"\"\"\nreason = '''\xC9\xBF'''\n"),
            "");
  // What fuzzing found, as it was.
  for (const char* name : {"toml-unreachable-whitespace", "toml-quote-inside-value"}) {
    std::ifstream in(fs::path(MIGLINT_SOURCE_DIR) / "testdata/fuzz/config" / name, std::ios::binary);
    const std::string found((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(found.empty()) << name;
    EXPECT_NE(error_of(found).find("invalid TOML"), std::string::npos) << name;
  }
}

// Devices, FIFOs and files over the size limit are findings on themselves,
// never read until memory runs out; the other files are still analysed.
TEST_F(BadInput, OnlyRegularFilesUpToTheLimitAreRead) {
  write(dir / "1_a.up.sql", "DROP TABLE a;\n");
  write(dir / "1_a.down.sql", "CREATE TABLE a (id int);\n");
  ASSERT_EQ(::mkfifo((dir / "2_b.up.sql").c_str(), 0644), 0);
  write(dir / "2_b.down.sql", "SELECT 1;\n");
  write(dir / "3_c.up.sql", "-- " + std::string(std::size_t{2} << 20, 'x') + "\n");
  write(dir / "3_c.down.sql", "SELECT 1;\n");
  write(dir / "miglint.toml", "max_file_size_mb = 1\n");
  const RunResult r = run("check --format gcc --config '" + (dir / "miglint.toml").string() + "' '" + dir.string() +
                          "'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("2_b.up.sql: not a regular file [unreadable-file]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3_c.up.sql:1:1: error: cannot read file: larger than the 1 MiB limit (max_file_size_mb in "
                       "miglint.toml) [unreadable-file]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("dropping table a"), std::string::npos) << "the other files' findings are kept: " << r.out;

  const RunResult dev = run("check --format gcc /dev/zero");
  EXPECT_EQ(dev.exit_code, 1) << dev.out;
  EXPECT_NE(dev.out.find("cannot read file: not a regular file (a character device)"), std::string::npos) << dev.out;

  const RunResult in = run("check --stdin-filename '" + (dir / "1_a.up.sql").string() + "' < /dev/zero", true);
  EXPECT_EQ(in.exit_code, 2) << in.out;
  // The folder's miglint.toml (max_file_size_mb = 1) applies to the text standing for its file.
  EXPECT_NE(in.out.find("standard input is larger than the 1 MiB limit"), std::string::npos) << in.out;

  const RunResult cfg = run("check --config /dev/zero '" + dir.string() + "'", true);
  EXPECT_EQ(cfg.exit_code, 2) << cfg.out;
  EXPECT_NE(cfg.out.find("/dev/zero: cannot read config file: not a regular file (a character device)"),
            std::string::npos)
      << cfg.out;

  write(dir / "miglint.toml", "max_file_size_mb = 0\n");
  const RunResult zero = run("check --config '" + (dir / "miglint.toml").string() + "' '" + dir.string() + "'", true);
  EXPECT_EQ(zero.exit_code, 2) << zero.out;
  EXPECT_NE(zero.out.find("miglint.toml:1: `max_file_size_mb` must be an integer number of MiB between 1 and 4096"),
            std::string::npos)
      << zero.out;
}

TEST(Cli, SuppressionsAndStdin) {
  const fs::path dir = fs::temp_directory_path() / ("miglint-sup-" + std::to_string(getpid()));
  fs::create_directories(dir);
  write(dir / "a.sql",
        "-- miglint-ignore ban-drop-table: table is dead\nDROP TABLE a;\n"
        "DROP TABLE b; -- miglint-ignore ban-drop-table: also dead\n"
        "-- miglint-ignore ban-drop-tabel: typo\nDROP TABLE c;\n"
        "-- miglint-ignore ban-drop-table: nothing here\nCREATE TABLE d (id int);\n"
        "-- miglint-ignore all: dead too\nDROP TABLE e;\n"
        "-- miglint-ignore ban-drop-table\nDROP TABLE f;\n"
        "DROP TABLE g; -- miglint-ignore ban-drop-table: <reason>\n");
  const RunResult r = run("check --format gcc '" + (dir / "a.sql").string() + "'");
  EXPECT_EQ(r.out.find("dropping table a "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("dropping table b "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dropping table c "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("dropping table e "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("unknown rule `all`"), std::string::npos) << r.out;
  // Suppressed still, but each without a reason is a finding of its own.
  EXPECT_EQ(r.out.find("dropping table f "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("dropping table g "), std::string::npos) << r.out;
  size_t reasonless = 0;
  for (size_t at = 0; (at = r.out.find("[suppression-without-reason]", at)) != std::string::npos; ++at) ++reasonless;
  EXPECT_EQ(reasonless, 2u) << r.out;
  EXPECT_NE(r.out.find("a.sql:10:1: warning: `miglint-ignore` gives no reason"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("keeps the `<reason>` placeholder"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[unknown-rule]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[unused-suppression]"), std::string::npos) << r.out;
  // --stdin-filename: the buffer replaces the file on disk.
  const std::string cmd = "printf 'DROP TABLE from_stdin;\\n' | " + std::string(MIGLINT_BINARY) +
                          " check --format gcc --stdin-filename '" + (dir / "a.sql").string() + "'";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  EXPECT_NE(out.find("from_stdin"), std::string::npos) << out;
  EXPECT_EQ(out.find("dropping table c "), std::string::npos) << out;
  fs::remove_all(dir);
}

}  // namespace
