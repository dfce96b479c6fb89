// Folder loading: each selected folder read by its layout's reader (or taken
// from the language server's cache while its directory is unchanged), unsaved
// goose/dbmate text re-sectioned, and the folder checks made.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/analysis.h"
#include "analyzer/engine/inputs.h"
#include "analyzer/migrations/dir_listing.h"

namespace miglint {

// The folders of `inputs`, loaded in order; their loaders' and folder checks'
// findings go to `findings`.
std::vector<FolderAnalysis> load_folders(const AnalysisInputs& inputs, const AnalysisOptions& options,
                                         DirListings& listings, std::vector<Diagnostic>& findings);

// A file's modification time and size (false: it cannot be stat'ed).
bool stat_file(const std::filesystem::path& p, std::int64_t& mtime_ns, std::uintmax_t& size);

}  // namespace miglint
