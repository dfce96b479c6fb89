// The language server's incremental analysis: a folder's replay resumed from
// the schema model (and the folder walks) cached just before the first
// migration being edited, while every migration before it is unchanged.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/analysis.h"

namespace miglint {

class Rule;

// Replays `fa`'s folder (its units: `units`) into fa.replay and returns the
// replay's and the folder walks' findings. With options.cache and `edited`
// (the files being checked), resumes from the cached state or caches the
// state before the first edited migration for next time; `spare` is a copy
// of *spare_of made ahead, taken over when that is the state to resume from.
std::vector<Diagnostic> replay_folder_cached(FolderAnalysis& fa, const std::vector<std::unique_ptr<Unit>>& units,
                                             const AnalysisOptions& options, const std::set<std::string>* edited,
                                             const std::vector<const Rule*>& active,
                                             const catalog::ReplayResult* spare_of, catalog::ReplayResult* spare);

}  // namespace miglint
