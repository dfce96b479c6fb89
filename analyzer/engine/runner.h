// The analysis pipeline behind `check`, `audit` and the language server:
// input selection (inputs.h), folder loading (folder_loading.h), the
// parallel schedule that reads, parses, checks and replays (schedule.h),
// and the finding sink's one finish path (finding_sink.h).
#pragma once
#include <vector>

#include "analyzer/engine/analysis.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/engine/selection.h"

namespace miglint {

AnalysisResult analyze(const AnalysisOptions& options);

// One file on its own, as one unit with the given role: parser findings,
// statement and unit rules, suppressions, selection. (Rule fixtures use it.)
// For a down, up_file is its migration's up (context only: not reported on).
std::vector<Diagnostic> analyze_unit_alone(const ParsedFile& file, Role role, bool in_transaction, const Config& config,
                                           const RuleSelection& selection, const ParsedFile* up_file = nullptr);

namespace catalog {
struct ReplayMigration;
}
// The folder's migrations as the schema replay takes them.
std::vector<catalog::ReplayMigration> replay_input(const FolderAnalysis& fa);

}  // namespace miglint
