#include <iostream>

#include "analyzer/replay/replay.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace miglint {

int run_schema(const SchemaOptions& o) {
  CommonOptions common;
  common.config = o.config;
  common.pg_version = o.pg_version;
  if (!o.dir.empty()) common.paths = {o.dir};
  AnalysisOptions a = analysis_options(common);
  if (a.paths.size() != 1 || !std::filesystem::is_directory(a.paths.front()))
    throw UsageError("`schema` needs one migrations folder");
  a.select = {"syntax-error"};  // the replay is what matters here, not the findings
  a.keep_effects = false;
  const AnalysisResult r = analyze(a);
  if (r.folders.size() != 1) throw UsageError("`schema` needs a folder holding one set of migrations");
  const auto& fa = r.folders.front();
  std::vector<catalog::ReplayMigration> input;
  // Re-run the replay, stopping after the requested version.
  if (!o.at.empty()) {
    bool found = false;
    for (const auto& m : fa.folder.migrations) found = found || m.version == o.at;
    if (!found) throw UsageError("no migration with version " + o.at + " in " + a.paths.front().string());
  }
  const catalog::ReplayResult& rr = *fa.replay;
  const catalog::Catalog* cat = &rr.catalog;
  std::optional<catalog::ReplayResult> partial;
  if (!o.at.empty()) {
    catalog::ReplayOptions ro;
    ro.check_down = false;
    ro.stop_after = o.at;
    ro.pg_version = a.config.pg_version;
    partial = catalog::replay(replay_input(fa), ro);
    cat = &partial->catalog;
  }
  std::cout << (o.format == "json" ? catalog::render_json(*cat) : catalog::render_sql(*cat));
  return 0;
}

}  // namespace miglint
