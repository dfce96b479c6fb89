// The errors that say "PostgreSQL will refuse this" (unknown-object,
// duplicate-object, dependent-objects, syntax-error) against the real
// corpus folders of /work/shared/corpus, whose truth.tsv says which files a
// real PostgreSQL 15 applied: none of those errors on a file it applied; and
// one statement broken on purpose stays one finding, without cascading into
// errors about what it would have made.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <pg_query/pg_query.pb.h>

#include "analyzer/ast/parse.h"
#include "analyzer/engine/runner.h"
#include "tests/temp_folder.h"

using miglint::testing::read_file;

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = "/work/shared/corpus";

bool refusal(std::string_view rule) {
  return rule == "unknown-object" || rule == "duplicate-object" || rule == "dependent-objects" ||
         rule == "syntax-error";
}

std::vector<std::string> split_tab(const std::string& line) {
  std::vector<std::string> out(1);
  for (char ch : line) {
    if (ch == '\t') out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

struct Truth {
  std::vector<std::string> ups;   // in migration order, relative to the corpus folder
  std::set<std::string> applied;  // files PostgreSQL applied
};

Truth read_truth(const fs::path& root) {
  Truth t;
  std::ifstream tsv(root / "truth.tsv");
  std::string line;
  std::getline(tsv, line);  // header
  while (std::getline(tsv, line)) {
    const auto f = split_tab(line);
    if (f.size() < 4) continue;
    const std::string& up = f[1];
    const std::string& down = f[2];
    const std::string& verdict = f[3];
    if (!up.empty() && verdict != "up_failed") t.applied.insert(fs::path(up).lexically_normal().string());
    if (!up.empty()) t.ups.push_back(fs::path(up).lexically_normal().string());
    if (!down.empty() && verdict != "down_failed" && verdict != "up_failed")
      t.applied.insert(fs::path(down).lexically_normal().string());
  }
  return t;
}

// (path relative to `base`, rule, line, message) of each refusal.
using Refusal = std::tuple<std::string, std::string, uint32_t, std::string>;

std::set<Refusal> refusals(const fs::path& migrations, const fs::path& base) {
  miglint::AnalysisOptions o;
  o.paths = {migrations};  // default configuration, every rule
  const auto r = miglint::analyze(o);
  std::set<Refusal> out;
  for (const auto& d : r.diagnostics)
    if (refusal(d.rule.str()))
      out.insert({fs::relative(fs::absolute(d.span.path.str()), base).lexically_normal().string(), d.rule.str(),
                  d.span.start.line, d.message});
  return out;
}

std::vector<fs::path> corpus_folders() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kCorpus, ec))
    if (fs::is_directory(e.path() / "migrations") && fs::exists(e.path() / "truth.tsv")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CorpusRefusals, NoneOnFilesPostgresApplied) {
  const auto folders = corpus_folders();
  if (folders.empty()) GTEST_SKIP() << "corpus not present";
  for (const auto& root : folders) {
    const Truth truth = read_truth(root);
    const auto found = refusals(root / "migrations", root);
    size_t on_refused = 0;
    for (const auto& [path, rule, line, message] : found) {
      if (truth.applied.contains(path))
        ADD_FAILURE() << root.filename().string() << "/" << path << ":" << line << ": " << rule << ": " << message
                      << " (PostgreSQL applied this file)";
      else ++on_refused;
    }
    std::cout << root.filename().string() << ": " << found.size() << " refusal(s), " << on_refused
              << " on files PostgreSQL refused\n";
  }
}

// The first up that creates a table a later file names, with the byte
// offset of that statement's `TABLE` keyword.
struct Breakable {
  std::string up;
  std::string table;
  size_t table_keyword = 0;
};

std::optional<Breakable> first_breakable(const fs::path& root, const Truth& truth) {
  std::vector<std::string> texts;
  for (const auto& up : truth.ups) texts.push_back(read_file(root / up));
  for (size_t i = 0; i + 1 < truth.ups.size(); ++i) {
    const auto parsed = miglint::parse_file(std::make_shared<miglint::SourceFile>(truth.ups[i], texts[i]));
    for (const auto& st : parsed.statements) {
      if (!st.node || !st.node->has_create_stmt()) continue;
      const std::string table = st.node->create_stmt().relation().relname();
      const size_t keyword = texts[i].find_first_not_of(" \t\r\n", st.begin + 6);
      if (texts[i].compare(st.begin, 6, "CREATE") != 0 || texts[i].compare(keyword, 5, "TABLE") != 0) continue;
      const std::regex used("\\b" + table + "\\b", std::regex::icase);
      for (size_t j = i + 1; j < texts.size(); ++j)
        if (std::regex_search(texts[j], used)) return Breakable{truth.ups[i], table, keyword};
    }
  }
  return std::nullopt;
}

TEST(CorpusRefusals, OneBrokenStatementIsOneFinding) {
  const auto folders = corpus_folders();
  if (folders.empty()) GTEST_SKIP() << "corpus not present";
  for (const auto& root : folders) {
    const Truth truth = read_truth(root);
    const auto target = first_breakable(root, truth);
    if (!target) continue;
    // The folder as it is, and a copy with `CREATE TABLE` misspelt `CREATE
    // TABEL` in that statement (same length: every other position stays).
    miglint::testing::TempFolder tmp;
    fs::copy(root / "migrations", tmp.dir / "migrations", fs::copy_options::recursive);
    const fs::path broken = tmp.dir / target->up;
    std::string text = read_file(broken);
    ASSERT_EQ(text.compare(target->table_keyword, 5, "TABLE"), 0) << target->up;
    text.replace(target->table_keyword, 5, "TABEL");
    std::ofstream(broken, std::ios::binary | std::ios::trunc) << text;

    const auto before = refusals(root / "migrations", root);
    const auto after = refusals(tmp.dir / "migrations", tmp.dir);
    std::vector<Refusal> added;
    for (const auto& r : after)
      if (!before.contains(r)) added.push_back(r);
    ASSERT_FALSE(added.empty()) << root.filename().string() << ": breaking " << target->up << " went unnoticed";
    EXPECT_EQ(added.size(), 1u) << root.filename().string() << ": breaking table " << target->table << " in "
                                << target->up << " cascaded";
    for (const auto& [path, rule, line, message] : added) {
      const bool the_break = rule == "syntax-error" && path == target->up;
      EXPECT_TRUE(the_break) << root.filename().string() << "/" << path << ":" << line << ": " << rule << ": "
                             << message << " (after breaking table " << target->table << " in " << target->up << ")";
    }
    std::cout << root.filename().string() << ": broke CREATE TABLE " << target->table << " in " << target->up << ": "
              << added.size() << " new refusal(s)\n";
  }
}

}  // namespace
