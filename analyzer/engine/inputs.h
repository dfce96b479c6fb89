// Input selection: which folders an analysis loads for the paths it was
// given, and which files it reports on (a file named alone is analysed with
// its folder as context, and reported alone).
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/analysis.h"
#include "analyzer/migrations/dir_listing.h"

namespace miglint {

struct AnalysisInputs {
  std::vector<std::filesystem::path> folder_dirs;  // sorted, each once
  std::set<std::string> only_paths;                // files named alone (display paths)
  bool whole_folders = false;                      // a directory was named
  bool reported(const std::string& path) const { return whole_folders || only_paths.contains(path); }
};

// The inputs of `options.paths`; a path that does not exist, or a named
// directory that cannot be read, is a finding in `problems`.
AnalysisInputs select_inputs(const AnalysisOptions& options, DirListings& listings, std::vector<Diagnostic>& problems);

// Makes sure an explicitly named file is analysed even when its folder's
// reader did not list it (e.g. a file that is not named like a migration).
void add_named_files(const AnalysisOptions& options, std::vector<FolderAnalysis>& folders);

// The unsaved text standing for `p`, if any (overlays are keyed by
// canonical path).
std::map<std::filesystem::path, std::string>::const_iterator find_overlay(
    const std::map<std::filesystem::path, std::string>& overlays, const std::filesystem::path& p);

// A file that could not be read: a finding on that file only.
Diagnostic unreadable_file(const std::filesystem::path& p, const std::string& why);
// A file whose analysis threw (out of memory, a defect): a finding on that
// file only; the others are still analysed. `e`: what was thrown.
Diagnostic analysis_failure(const std::filesystem::path& p, const std::exception& e);

}  // namespace miglint
