#include "analyzer/migrations/dir_listing.h"

#include <algorithm>

namespace miglint {

namespace fs = std::filesystem;

DirListing list_directory(const fs::path& dir) {
  DirListing out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    out.error = ec.message();
    return out;
  }
  out.opened = true;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    DirEntry e;
    e.path = it->path();
    e.name = e.path.filename().string();
    std::error_code sec;
    // The entry's type comes with the listing; only symlinks need a stat to
    // learn what they point at.
    fs::file_status st = it->symlink_status(sec);
    if (!sec && fs::is_symlink(st)) {
      e.symlink = true;
      st = it->status(sec);
    }
    if (sec) e.error = sec.message();
    else if (fs::is_directory(st)) e.kind = DirEntry::Kind::Dir;
    else if (fs::is_regular_file(st)) e.kind = DirEntry::Kind::File;
    out.entries.push_back(std::move(e));
  }
  if (ec) out.error = ec.message();
  std::sort(out.entries.begin(), out.entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

const DirListing& DirListings::get(const fs::path& dir) {
  {
    std::lock_guard lock(mu_);
    if (const auto it = by_dir_.find(dir.native()); it != by_dir_.end()) return *it->second;
  }
  auto listing = std::make_unique<DirListing>(list_directory(dir));
  std::lock_guard lock(mu_);
  auto [it, fresh] = by_dir_.try_emplace(dir.native(), std::move(listing));
  return *it->second;
}

}  // namespace miglint
