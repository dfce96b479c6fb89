// Replays the real migration folders of /work/shared/corpus and measures how
// often the down-not-inverse verdict agrees with a real PostgreSQL 15.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "analyzer/replay/replay.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

const fs::path kCorpus = "/work/shared/corpus";

std::vector<std::string> split_tab(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : line) {
    if (ch == '\t') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

struct Figures {
  int pairs = 0, agree = 0, false_alarm = 0, missed = 0, failed_rows = 0, failed_found = 0;
};

Figures run_corpus(const std::string& name, bool verbose) {
  Figures fig;
  const fs::path dir = kCorpus / name;
  std::ifstream tsv(dir / "truth.tsv");
  std::string line;
  std::getline(tsv, line);
  struct Row {
    std::string id, up, down, verdict;
  };
  std::vector<Row> rows;
  while (std::getline(tsv, line)) {
    auto f = split_tab(line);
    if (f.size() >= 4) rows.push_back({f[0], f[1], f[2], f[3]});
  }
  std::vector<std::unique_ptr<ParsedFile>> files;
  auto load = [&](const std::string& rel) -> ParsedFile* {
    if (rel.empty()) return nullptr;
    std::ifstream in(dir / rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.push_back(std::make_unique<ParsedFile>(parse_file(std::make_shared<SourceFile>(rel, ss.str()))));
    return files.back().get();
  };
  std::vector<catalog::ReplayMigration> migs;
  std::map<std::string, bool> down_syntax_error;
  for (const auto& r : rows) {
    catalog::ReplayMigration m;
    m.version = r.id;
    if (auto* up = load(r.up)) m.up = catalog::whole_file_part(*up);
    if (auto* down = load(r.down)) {
      m.down = catalog::whole_file_part(*down);
      down_syntax_error[r.id] = !down->diagnostics.empty();
    }
    migs.push_back(std::move(m));
  }
  auto res = catalog::replay(migs);
  std::set<std::string> differs(res.not_inverse.begin(), res.not_inverse.end());
  std::set<std::string> failed(res.down_failed.begin(), res.down_failed.end());
  for (const auto& r : rows) {
    if (r.verdict == "down_failed") {
      ++fig.failed_rows;
      if (failed.count(r.id) || down_syntax_error[r.id]) ++fig.failed_found;
      else if (verbose) std::cout << "  [failed-not-found] " << r.id << "\n";
      continue;
    }
    if (r.verdict != "identical" && r.verdict != "differs") continue;
    ++fig.pairs;
    const bool model_differs = differs.count(r.id) != 0;
    const bool truth_differs = r.verdict == "differs";
    if (model_differs == truth_differs) ++fig.agree;
    else if (model_differs) {
      ++fig.false_alarm;
      if (verbose) {
        std::cout << "  [false-alarm] " << r.id << (failed.count(r.id) ? " (down failed in model)" : "") << "\n";
        for (const auto& d : res.diagnostics)
          if (d.rule == "down-not-inverse" && d.span.path.str().find(r.id) != std::string::npos)
            std::cout << "      " << d.message.substr(0, 600) << "\n";
      }
    } else {
      ++fig.missed;
      if (verbose) std::cout << "  [missed] " << r.id << (failed.count(r.id) ? " (down failed in model)" : "") << "\n";
    }
  }
  if (verbose)
    for (const auto& d : res.diagnostics)
      if (d.rule != "down-not-inverse" && d.rule != "unmodeled-statement")
        std::cout << "  {" << d.rule << "} " << d.span.path << ":" << d.span.start.line << " "
                  << d.message.substr(0, 200) << "\n";
  std::cout << name << ": pairs " << fig.pairs << ", agree " << fig.agree << ", false alarms " << fig.false_alarm
            << ", missed " << fig.missed << "; down_failed rows " << fig.failed_rows << ", found " << fig.failed_found
            << "\n";
  return fig;
}

}  // namespace

TEST(CatalogCorpus, AgreesWithRealPostgres) {
  if (!fs::exists(kCorpus)) GTEST_SKIP() << "corpus not present";
  const bool verbose = std::getenv("MIGLINT_CORPUS_VERBOSE") != nullptr;
  Figures total;
  for (const char* name : {"authelia__authelia", "ory__kratos", "rust-lang__crates.io"}) {
    if (!fs::exists(kCorpus / name / "truth.tsv")) continue;
    const Figures f = run_corpus(name, verbose);
    total.pairs += f.pairs;
    total.agree += f.agree;
    total.false_alarm += f.false_alarm;
    total.missed += f.missed;
    total.failed_rows += f.failed_rows;
    total.failed_found += f.failed_found;
  }
  std::cout << "total: agreement " << (total.pairs ? 100.0 * total.agree / total.pairs : 0) << "% of " << total.pairs
            << ", false alarms " << total.false_alarm << ", missed " << total.missed << ", down_failed found "
            << total.failed_found << "/" << total.failed_rows << "\n";
  // Targets: >= 98% agreement, <= 1% false alarms, >= 90% of rejected downs found.
  EXPECT_GE(total.agree * 100, total.pairs * 98);
  EXPECT_LE(total.false_alarm * 100, total.pairs * 1);
  EXPECT_GE(total.failed_found * 100, total.failed_rows * 90);
}
