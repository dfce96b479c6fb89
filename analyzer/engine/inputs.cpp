#include "analyzer/engine/inputs.h"

#include <algorithm>

#include "analyzer/config/pattern.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/migrations/reader_findings.h"
#include "analyzer/source/display_path.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {
// Directories under root that hold migrations: a directory with .sql files,
// or the parent of `<version>_<name>/up.sql` directories. Symlinked
// directories are not followed.
std::vector<fs::path> find_migration_dirs(const fs::path& root, const PathFilter& exclude, DirListings& listings,
                                          std::vector<Diagnostic>& problems) {
  std::set<fs::path> dirs;
  std::vector<fs::path> todo{root};
  while (!todo.empty()) {
    const fs::path dir = std::move(todo.back());
    todo.pop_back();
    const DirListing& listing = listings.get(dir);
    if (!listing.opened && dir == root) {
      problems.push_back(unreadable_file_finding(UnreadableWhat::Root, display_path(root), listing.error));
      return {};
    }
    const std::string excluded_in = exclude.empty() ? std::string() : PathFilter::dir_prefix_of(dir);
    for (const DirEntry& e : listing.entries) {
      if (!excluded_in.empty() && exclude.excluded(excluded_in, e.name, e.kind == DirEntry::Kind::Dir)) continue;
      if (e.kind == DirEntry::Kind::Dir && !e.symlink) todo.push_back(dir / e.name);
      if ((e.kind != DirEntry::Kind::File && !e.symlink) || e.name.size() <= 4 || !e.name.ends_with(".sql")) continue;
      if (e.name == "up.sql" || e.name == "down.sql") dirs.insert(dir.parent_path());
      else dirs.insert(dir);
    }
  }
  // A folder-layout parent already covers its version directories.
  const auto has_parts = [&](const fs::path& d) {
    const DirListing& l = listings.get(d);
    return l.has("up.sql") || l.has("down.sql");
  };
  std::vector<fs::path> out;
  for (const auto& d : dirs)
    if (!(d.has_parent_path() && d.parent_path() != d && dirs.contains(d.parent_path()) && has_parts(d)))
      out.push_back(d);
  return out;
}

bool named_file_exists(const AnalysisOptions& options, const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec) || options.overlays.contains(fs::weakly_canonical(p, ec));
}
}  // namespace

Diagnostic unreadable_file(const fs::path& p, const std::string& why) {
  return unreadable_file_finding(UnreadableWhat::File, display_path(p), why);
}

Diagnostic analysis_failure(const fs::path& p, const std::exception& e) {
  const bool memory = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
  return unreadable_file_finding(UnreadableWhat::Failed, display_path(p),
                                 memory ? std::string("out of memory while analysing it") : e.what());
}

AnalysisInputs select_inputs(const AnalysisOptions& options, DirListings& listings, std::vector<Diagnostic>& problems) {
  AnalysisInputs in;
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      in.whole_folders = true;
      for (auto& d : find_migration_dirs(p, options.config.exclude, listings, problems)) in.folder_dirs.push_back(d);
    } else if (named_file_exists(options, p)) {
      // A single file is analysed with its folder as context.
      fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      const auto name = p.filename().string();
      if ((name == "up.sql" || name == "down.sql") && dir.has_parent_path()) dir = dir.parent_path();
      in.folder_dirs.push_back(dir);
      in.only_paths.insert(display_path(p));
    } else {
      problems.push_back(unreadable_file(p, "no such file or directory"));
      in.only_paths.insert(display_path(p));
    }
  }
  std::sort(in.folder_dirs.begin(), in.folder_dirs.end());
  in.folder_dirs.erase(std::unique(in.folder_dirs.begin(), in.folder_dirs.end()), in.folder_dirs.end());
  return in;
}

void add_named_files(const AnalysisOptions& options, std::vector<FolderAnalysis>& folders) {
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec) || !named_file_exists(options, p)) continue;
    const auto dp = display_path(p);
    bool listed = false;
    // Display paths end in the file name: compare names before computing one.
    const auto name = p.filename();
    for (auto& fa : folders)
      for (const auto& f : fa.folder.sql_files)
        if (!listed && f.ends_with(name.native()) && fs::path(f.str()).filename() == name && display_path(f) == dp)
          listed = true;
    if (listed) continue;
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    for (auto& fa : folders)
      if (fs::weakly_canonical(fa.folder.dir, ec) == fs::weakly_canonical(dir, ec)) {
        fa.folder.sql_files.emplace_back(p.native());
        listed = true;
        break;
      }
    if (!listed && !folders.empty()) folders.front().folder.sql_files.emplace_back(p.native());
  }
}

std::map<fs::path, std::string>::const_iterator find_overlay(const std::map<fs::path, std::string>& overlays,
                                                             const fs::path& p) {
  if (const auto it = overlays.find(p); it != overlays.end()) return it;
  // Canonicalising costs a readlink per path component: only for a path
  // whose file name is one of the overlays'.
  bool named = false;
  for (const auto& [k, v] : overlays) named = named || k.filename() == p.filename();
  if (!named) return overlays.end();
  std::error_code ec;
  const auto key = fs::weakly_canonical(p, ec);
  return overlays.find(ec ? p : key);
}

}  // namespace miglint
