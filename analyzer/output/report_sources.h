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
  const std::vector<Symbol>& paths() const { return paths_; }
  // Whether each path's findings are next to each other, in path order (as
  // the analysis reports them; hand-built results may not be).
  bool findings_in_path_order() const { return in_path_order_; }

 private:
  mutable std::map<std::string, std::shared_ptr<const SourceFile>> files_;
  std::vector<Symbol> paths_;
  bool in_path_order_ = true;
  TextArchive texts_;
  mutable std::shared_ptr<const SourceFile> archived_;  // the last file read back from texts_
};

// Stable identity of a finding across runs: rule, path, the flagged lines'
// text (not their numbers) and the occurrence of that triple. Asked for each
// diagnostic in turn, in order: with findings in path order only one path's
// occurrences are kept at a time (a large folder's are hundreds of
// thousands of long keys).
class Fingerprints {
 public:
  explicit Fingerprints(const ReportSources& sources);
  std::string next(const Diagnostic& d);

 private:
  const ReportSources& sources_;
  bool per_path_;
  Symbol path_;
  std::map<std::string, size_t> seen_;
};

// Every file of a report (ReportSources::paths(), and "" when a finding has
// no path) with its findings, one file at a time, in path order: a large
// folder's findings are never all copied at once.
class FileFindings {
 public:
  FileFindings(const AnalysisResult& result, const ReportSources& sources);
  size_t files() const { return files_.size(); }
  size_t files_without_findings() const { return without_; }
  // The next file and copies of its findings; false after the last.
  bool next(std::string& path, std::vector<Diagnostic>& diags);

 private:
  std::vector<Symbol> files_;
  size_t at_ = 0;
  size_t without_ = 0;
  Findings::const_iterator it_, end_;
  std::map<std::string, std::vector<Diagnostic>> grouped_;  // findings not in path order, grouped first
};

}  // namespace miglint
