// Compares the schema model with a real PostgreSQL 15 after every step of a
// migrations folder: tools/pg-chain applies the folder on a server and writes
// the server's schema after each up (N.after_up.sql) and after each down
// (N.after_down.sql); this replays the same folder in the model and compares
// each step with the dump of the same step, and the model's down verdict
// (down-not-inverse, or a down PostgreSQL would reject) with the server's.
//
//   model_vs_dump MIGRATIONS_DIR PG_CHAIN_OUT [--name NAME] [--quiet]
//
// Prints one line per step that disagrees (with the differences), the
// differences excused because the model holds the object as uncertain after
// an unmodeled statement, and the totals. Exit 0 when every compared step
// and every verdict agree, 1 when something disagrees, 2 on bad input.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/replay/dump_compare.h"
#include "analyzer/replay/replay.h"
#include "analyzer/config/config.h"
#include "analyzer/engine/runner.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

struct ServerRow {
  std::string id;
  std::string verdict;
};

std::vector<ServerRow> read_verdicts(const fs::path& out) {
  std::vector<ServerRow> rows;
  std::ifstream in(out / "verdicts.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) rows.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return rows;
}

std::optional<std::string> read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// pg-chain names a migration by its file (or folder) name, which starts with
// the version the folder reader found (Flyway-style names with a V before it).
bool id_has_version(std::string_view id, const std::string& version) {
  if (!id.starts_with(version) && (id.starts_with("V") || id.starts_with("v"))) id.remove_prefix(1);
  if (!id.starts_with(version)) return false;
  return id.size() == version.size() || !std::isalnum(static_cast<unsigned char>(id[version.size()]));
}

struct StepResult {
  std::string label;  // "<id> up" / "<id> down"
  bool compared = false;
  catalog::DumpComparison cmp;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string name;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--name" && i + 1 < argc) name = argv[++i];
    else if (a == "--quiet") quiet = true;
    else pos.push_back(a);
  }
  if (pos.size() != 2) {
    std::cerr << "usage: model_vs_dump MIGRATIONS_DIR PG_CHAIN_OUT [--name NAME] [--quiet]\n";
    return 2;
  }
  const fs::path dir = pos[0], out = pos[1];
  if (name.empty())
    name = dir.filename().string() == "migrations" ? dir.parent_path().filename().string() : dir.filename().string();
  const std::vector<ServerRow> server = read_verdicts(out);
  if (server.empty()) {
    std::cerr << "model_vs_dump: no verdicts in " << (out / "verdicts.tsv") << " (run tools/pg-chain first)\n";
    return 2;
  }

  AnalysisOptions opts;
  opts.paths = {dir};
  // The folder's miglint.toml names the server it targets (pg_version).
  if (const auto cfg = find_config(dir)) opts.config = load_config(*cfg);
  opts.select = {"syntax-error"};  // only the replay matters here
  const AnalysisResult ar = analyze(opts);
  if (ar.folders.size() != 1) {
    std::cerr << "model_vs_dump: " << dir << " is not one migrations folder\n";
    return 2;
  }
  const auto input = replay_input(ar.folders.front());

  // Pair the model's migrations with the server's, both in version order.
  std::vector<const ServerRow*> pair(input.size(), nullptr);
  size_t cursor = 0;
  for (size_t i = 0; i < input.size(); ++i)
    for (size_t j = cursor; j < server.size(); ++j)
      if (id_has_version(server[j].id, input[i].version)) {
        pair[i] = &server[j];
        cursor = j + 1;
        break;
      }

  std::vector<StepResult> steps;
  catalog::ReplayOptions ro;
  ro.pg_version = opts.config.pg_version;
  ro.on_step = [&](const catalog::ReplayStep& st, const catalog::Catalog& cat) {
    const ServerRow* row = pair[st.migration];
    StepResult r;
    r.label = (row ? row->id : input[st.migration].version) + (st.down ? " down" : " up");
    if (row && !st.failed) {
      const auto dump = read_text(out / (row->id + (st.down ? ".after_down.sql" : ".after_up.sql")));
      if (dump) {
        r.compared = true;
        r.cmp = catalog::compare_with_dump_excusing_uncertain(cat, *dump);
      }
    }
    steps.push_back(std::move(r));
  };
  const catalog::ReplayResult rr = catalog::replay(input, ro);

  size_t compared = 0, agree = 0, excused = 0;
  std::set<std::string> unread;
  for (const auto& s : steps) {
    if (!s.compared) continue;
    ++compared;
    excused += s.cmp.excused.size();
    unread.insert(s.cmp.unread.begin(), s.cmp.unread.end());
    if (s.cmp.differences.empty()) {
      ++agree;
      if (!quiet && s.cmp.excused.empty()) continue;
    }
    if (!s.cmp.differences.empty() || !quiet) {
      std::cout << name << ": " << s.label << ": " << (s.cmp.differences.empty() ? "agree" : "DISAGREE") << "\n";
      for (const auto& d : s.cmp.differences) std::cout << "    model vs server: " << d.str() << "\n";
      for (const auto& e : s.cmp.excused) std::cout << "    excused (" << e.why << "): " << e.difference.str() << "\n";
    }
  }
  for (const auto& u : unread) std::cout << name << ": dump statement not read by the model: " << u << "\n";

  const std::set<std::string> not_inverse(rr.not_inverse.begin(), rr.not_inverse.end());
  const std::set<std::string> down_failed(rr.down_failed.begin(), rr.down_failed.end());
  size_t verdicts = 0, verdicts_agree = 0;
  for (size_t i = 0; i < input.size(); ++i) {
    const ServerRow* row = pair[i];
    if (!row || !input[i].down ||
        (row->verdict != "identical" && row->verdict != "differs" && row->verdict != "down_failed"))
      continue;
    const std::string& v = input[i].version;
    const std::string model = down_failed.count(v) ? "down_failed" : not_inverse.count(v) ? "differs" : "identical";
    ++verdicts;
    if (model == row->verdict) ++verdicts_agree;
    else
      std::cout << name << ": " << row->id << ": down verdict DISAGREES: model " << model << ", server " << row->verdict
                << "\n";
  }
  size_t unpaired = 0;
  for (const auto* p : pair) unpaired += p == nullptr;
  std::cout << name << ": model vs server: " << agree << "/" << compared << " steps agree (" << steps.size() - compared
            << " not compared), " << verdicts_agree << "/" << verdicts << " down verdicts agree, " << excused
            << " differences excused";
  if (unpaired) std::cout << ", " << unpaired << " migrations not found in the server run";
  std::cout << "\n";
  return agree == compared && verdicts_agree == verdicts && unread.empty() ? 0 : 1;
}
