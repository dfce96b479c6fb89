#include <iostream>

#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace miglint {

int run_sum(const CommonOptions& o) {
  const AnalysisOptions a = analysis_options(o);
  for (const auto& dir : a.paths) {
    if (!std::filesystem::is_directory(dir)) throw UsageError("`sum` needs a migrations folder, not " + dir.string());
    const MigrationFolder folder = load_migration_folder(dir, a.config);
    const auto written = write_sum_file(folder);
    std::cout << "wrote " << display_path(written) << " (" << folder.migrations.size() << " migrations)\n";
  }
  return 0;
}

}  // namespace miglint
