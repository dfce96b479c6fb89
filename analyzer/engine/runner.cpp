#include "analyzer/engine/runner.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

#include "analyzer/engine/finding_sink.h"
#include "analyzer/engine/folder_loading.h"
#include "analyzer/engine/inputs.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/schedule.h"
#include "analyzer/engine/units.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"

namespace miglint {

namespace {
// MIGLINT_TIMINGS=1 prints each phase's wall time to stderr (docs/PERFORMANCE.md).
class PhaseClock {
 public:
  PhaseClock() : on_(std::getenv("MIGLINT_TIMINGS") != nullptr), last_(std::chrono::steady_clock::now()) {}
  void lap(const char* phase) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    fmt::print(stderr, "miglint: {:<14} {:8.2f} ms\n", phase,
               std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_;
};
}  // namespace

AnalysisResult analyze(const AnalysisOptions& options) {
  const WorkingDirectoryPin cwd_pin;
  PhaseClock clock;
  AnalysisResult result;
  check_layout_setting(options.config);
  set_max_file_bytes(options.config.max_file_bytes);
  const RuleSelection selection(options.config, options.select, options.ignore);
  std::vector<Diagnostic> found;  // input and folder findings

  DirListings listings;  // each directory is listed once in this analysis
  const AnalysisInputs inputs = select_inputs(options, listings, found);
  clock.lap("find folders");
  std::vector<FolderAnalysis> folders = load_folders(inputs, options, listings, found);
  listings.clear();  // only loading reads them
  clock.lap("load folders");
  if (options.on_loaded) {
    size_t files = 0;
    for (const auto& fa : folders) files += fa.folder.sql_files.size();
    options.on_loaded(files);
  }

  // Compact findings are gathered compressed as they are made; the language
  // server's (with a cache) stay lists.
  FindingSink sink(options.compact_findings && !options.cache);
  sink.add(std::move(found));
  run_schedule(folders, options, inputs, selection.active_rules(), sink, result);
  clock.lap("rules+replay");
  result.diagnostics = sink.finish(folders, selection, options, inputs);
  clock.lap("finish");
  result.folders = std::move(folders);
  return result;
}

std::vector<Diagnostic> analyze_unit_alone(const ParsedFile& file, Role role, bool in_transaction, const Config& config,
                                           const RuleSelection& selection, const ParsedFile* up_file) {
  Unit up;
  if (up_file) {
    up.file = up_file;
    up.role = Role::Up;
    up.in_transaction = in_transaction;
    for (const auto& s : up_file->statements) up.statements.push_back(&s);
    fill_unit_facts(up);
  }
  Unit u;
  u.up = up_file ? &up : nullptr;
  u.file = &file;
  u.role = role;
  u.in_transaction = in_transaction;
  for (const auto& s : file.statements) u.statements.push_back(&s);
  fill_unit_facts(u);
  std::vector<Diagnostic> diags = file.diagnostics;
  Dispatcher(selection.active_rules()).run(u, config, diags);
  // Schema rules: the file replays as one migration (its up first, for a down).
  if (role != Role::Plain || up_file) {
    catalog::ReplayMigration m;
    m.version = "1";
    if (role == Role::Down) {
      if (up_file) m.up = replay_part(up);
      m.down = replay_part(u);
    } else {
      m.up = replay_part(u);
    }
    if (m.up) {
      auto r = catalog::replay({m});
      for (auto& d : r.diagnostics)
        if (d.span.path == file.source->path()) diags.push_back(std::move(d));
    }
  }
  finish_file(&file, selection, diags);
  std::sort(diags.begin(), diags.end(), diagnostic_less);
  return diags;
}

}  // namespace miglint
