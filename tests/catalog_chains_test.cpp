// Replays testdata/chains/<case>/ (updown layout) and checks each chain's
// verdicts against its expected.txt (the real-server harness checks the same file).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/ast/pg_compat.h"
#include "analyzer/replay/replay.h"
#include "analyzer/config/config.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

struct Chain {
  std::vector<std::unique_ptr<ParsedFile>> files;
  std::vector<catalog::ReplayMigration> migrations;
};

ParsedFile* load(Chain& c, const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  c.files.push_back(std::make_unique<ParsedFile>(parse_file(std::make_shared<SourceFile>(p.string(), ss.str()))));
  return c.files.back().get();
}

catalog::ReplayPart part(ParsedFile* f) { return catalog::whole_file_part(*f); }

Chain load_chain(const fs::path& dir) {
  Chain c;
  std::vector<fs::path> ups;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().ends_with(".up.sql")) ups.push_back(e.path());
  // Versions order numerically, never as strings.
  auto key = [](const fs::path& p) {
    const std::string n = p.filename().string();
    const std::string v = n.substr(0, n.find('_'));
    return std::make_pair(v.size(), v);
  };
  std::sort(ups.begin(), ups.end(), [&](const fs::path& a, const fs::path& b) { return key(a) < key(b); });
  for (const auto& up : ups) {
    const std::string base = up.filename().string().substr(0, up.filename().string().size() - 7);
    catalog::ReplayMigration m;
    m.version = base.substr(0, base.find('_'));
    m.up = part(load(c, up));
    const fs::path down = dir / (base + ".down.sql");
    if (fs::exists(down)) m.down = part(load(c, down));
    c.migrations.push_back(std::move(m));
  }
  return c;
}

}  // namespace

TEST(CatalogChains, VerdictsMatchExpected) {
  const fs::path root = fs::path(MIGLINT_SOURCE_DIR) / "testdata" / "chains";
  ASSERT_TRUE(fs::exists(root));
  int chains = 0;
  for (const auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory()) continue;
    ++chains;
    SCOPED_TRACE(e.path().filename().string());
    const fs::path dir = fs::exists(e.path() / "migrations") ? e.path() / "migrations" : e.path();
    // A chain's miglint.toml names the server it targets; a grammar older
    // than that cannot parse it.
    catalog::ReplayOptions ro;
    if (fs::exists(e.path() / "miglint.toml")) ro.pg_version = load_config(e.path() / "miglint.toml").pg_version;
    if (ro.pg_version > pgc::kGrammarMajor) continue;
    Chain c = load_chain(dir);
    auto r = catalog::replay(c.migrations, ro);
    std::set<std::string> expected, expected_failed;
    std::ifstream in(e.path() / "expected.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      std::string v, word;
      ls >> v >> word;
      (word == "differs" ? expected : expected_failed).insert(v);
    }
    std::set<std::string> got(r.not_inverse.begin(), r.not_inverse.end());
    std::set<std::string> got_failed(r.down_failed.begin(), r.down_failed.end());
    EXPECT_EQ(got, expected);
    EXPECT_EQ(got_failed, expected_failed);
    for (const auto& d : r.diagnostics)
      if (d.rule != "down-not-inverse" && d.severity == Severity::Error && expected_failed.empty())
        ADD_FAILURE() << d.rule << " at " << d.span.path << ":" << d.span.start.line << ": " << d.message;
    for (const auto& d : r.diagnostics)
      if (d.rule == "down-not-inverse") std::cout << "  " << d.span.path << ": " << d.message << "\n";
    for (const auto& p : c.files) EXPECT_TRUE(p->diagnostics.empty()) << p->source->path();
  }
  EXPECT_GE(chains, 7);
}
