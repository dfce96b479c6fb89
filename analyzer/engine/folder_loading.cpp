#include "analyzer/engine/folder_loading.h"

#include <sys/stat.h>

#include "analyzer/engine/folder_checks.h"
#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/migrations/sections.h"

namespace miglint {

namespace fs = std::filesystem;

bool stat_file(const fs::path& p, std::int64_t& mtime_ns, std::uintmax_t& size) {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) return false;
  mtime_ns = std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  size = static_cast<std::uintmax_t>(st.st_size);
  return true;
}

namespace {
// The loader again, unless the folder is cached and its directory has not
// changed since. Only layouts read from file names alone (in one directory)
// are cached: goose and dbmate sections come from the files' text, folder
// and flyway layouts from subdirectories.
MigrationFolder load_folder(const fs::path& dir, const AnalysisOptions& options, DirListings& listings,
                            AnalysisCache::Folder** cached) {
  *cached = nullptr;
  if (!options.cache) return load_migration_folder(dir, options.config, &listings);
  std::int64_t mtime = 0;
  std::uintmax_t size = 0;
  if (!stat_file(dir, mtime, size)) return load_migration_folder(dir, options.config, &listings);
  auto& c = options.cache->folders[dir.native()];
  if (c.dir_mtime_ns == mtime && c.folder.layout->listing_decides() && !c.folder.dir.empty()) {
    *cached = &c;
    return c.folder;
  }
  c.folder = load_migration_folder(dir, options.config, &listings);
  c.dir_mtime_ns = mtime;
  c.replay_before.reset();
  c.walks_before.reset();
  c.checks_valid = false;
  return c.folder;
}

// What check_folder reads from disk besides the listing: miglint.sum and,
// when it exists (checksums) or a section starts inside a file (its line),
// the migrations' files. Size and modification time stand for the bytes.
std::vector<std::pair<std::int64_t, std::uintmax_t>> folder_check_inputs(const MigrationFolder& folder) {
  std::vector<std::pair<std::int64_t, std::uintmax_t>> out;
  std::int64_t mtime = -1;
  std::uintmax_t size = 0;
  const bool sum = stat_file(folder.dir / kSumFileName, mtime, size);
  out.emplace_back(mtime, size);
  for (const auto& m : folder.migrations)
    for (const auto* part : {&m.up, &m.down})
      if (*part && (sum || (*part)->begin != 0)) {
        mtime = -1;
        size = 0;
        stat_file((*part)->file.str(), mtime, size);
        out.emplace_back(mtime, size);
      }
  return out;
}

// check_folder, or its last result while the listing it read (a cached
// folder) and the files it read are unchanged.
std::vector<Diagnostic> folder_checks(const MigrationFolder& folder, const Config& config,
                                      AnalysisCache::Folder* cached) {
  if (!cached) return check_folder(folder, config);
  auto inputs = folder_check_inputs(folder);
  if (cached->checks_valid && cached->check_inputs == inputs) return cached->checks;
  cached->checks = check_folder(folder, config);
  cached->check_inputs = std::move(inputs);
  cached->checks_valid = true;
  return cached->checks;
}
}  // namespace

std::vector<FolderAnalysis> load_folders(const AnalysisInputs& inputs, const AnalysisOptions& options,
                                         DirListings& listings, std::vector<Diagnostic>& findings) {
  std::vector<FolderAnalysis> folders;
  for (const auto& d : inputs.folder_dirs) {
    FolderAnalysis fa;
    AnalysisCache::Folder* cached = nullptr;
    fa.folder = load_folder(d, options, listings, &cached);
    // An unsaved goose or dbmate file: its halves are those of its new text.
    if (!options.overlays.empty() && fa.folder.layout->has_sections())
      for (const auto& f : fa.folder.sql_files)
        if (const auto it = find_overlay(options.overlays, f.str()); it != options.overlays.end())
          resection_from_text(fa.folder, options.config, f, it->second);
    // Loader findings plus missing-down/up, version-collision, migration-name,
    // modified-migration.
    for (auto& diag : folder_checks(fa.folder, options.config, cached)) findings.push_back(std::move(diag));
    folders.push_back(std::move(fa));
  }
  add_named_files(options, folders);
  return folders;
}

}  // namespace miglint
