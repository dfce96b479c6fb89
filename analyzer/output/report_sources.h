// The text behind a report's paths, for formats that quote flagged lines
// (fingerprints) or need byte-exact columns: the analysed files first, the
// disk second (hand-built results, files outside any folder).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/engine/runner.h"

namespace miglint {

class ReportSources {
 public:
  explicit ReportSources(const AnalysisResult& result);
  // Null when the file is neither analysed nor readable. A file whose text
  // was archived stays valid until the next archived one is found.
  const SourceFile* find(const std::string& path) const;
  // Every analysed file and every file a diagnostic points at, sorted.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  mutable std::map<std::string, std::shared_ptr<const SourceFile>> files_;
  std::vector<std::string> paths_;
  TextArchive texts_;
  mutable std::shared_ptr<const SourceFile> archived_;  // the last file read back from texts_
};

// Stable identity of a finding across runs: rule, path, the flagged lines'
// text (not their numbers) and the occurrence of that triple; one per
// diagnostic, in order.
std::vector<std::string> fingerprints(const AnalysisResult& result, const ReportSources& sources);

}  // namespace miglint
