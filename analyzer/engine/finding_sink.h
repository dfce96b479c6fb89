// Where an analysis's findings go as they are made (by the parser, the
// folder reader, the rules, the replay and the folder walks, from any
// thread), and the one path that finishes them: file by file in path order,
// selection, suppressions and severities, then --since.
#pragma once
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/diag/findings.h"
#include "analyzer/engine/analysis.h"
#include "analyzer/engine/inputs.h"
#include "analyzer/engine/selection.h"

namespace miglint {

class FindingSink {
 public:
  // `compressed`: findings are held encoded and compressed until finished
  // (a large folder's findings are most of what its analysis holds), and the
  // result is compressed too; otherwise plain lists.
  explicit FindingSink(bool compressed);
  bool compressed() const { return spool_ != nullptr; }

  void add(std::vector<Diagnostic>&& found);  // thread-safe

  // The findings in report order. Files without findings may still have
  // suppressions to report (`folders`' parsed files); a file named alone is
  // reported alone (`inputs`); with options.since only what changed since
  // the ref, plus the version-order findings about what changed.
  Findings finish(const std::vector<FolderAnalysis>& folders, const RuleSelection& selection,
                  const AnalysisOptions& options, const AnalysisInputs& inputs);

 private:
  std::vector<Symbol> paths() const;
  std::vector<Diagnostic> take(const Symbol& path);

  std::unique_ptr<FindingSpool> spool_;
  mutable std::mutex mutex_;
  std::unordered_map<Symbol, std::vector<Diagnostic>> lists_;
};

}  // namespace miglint
