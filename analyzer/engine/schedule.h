// The parallel schedule of an analysis: every file read and parsed once,
// each unit checked by the statement and unit rules, and each folder
// replayed in migration order (with the folder rules' walks), all at once on
// `jobs` threads. Findings go to the sink as they are made.
#pragma once
#include <vector>

#include "analyzer/engine/analysis.h"
#include "analyzer/engine/finding_sink.h"
#include "analyzer/engine/inputs.h"

namespace miglint {

class Rule;

// Runs the schedule over `folders` (loaded), filling each one's files,
// units and replay, and `result`'s texts and counts.
void run_schedule(std::vector<FolderAnalysis>& folders, const AnalysisOptions& options, const AnalysisInputs& inputs,
                  const std::vector<const Rule*>& active, FindingSink& sink, AnalysisResult& result);

}  // namespace miglint
